//! Snapshots of every fixture's whole brief (insta): any change of output
//! shows in review as a diff of `tests/snapshots/fixture_briefs__*.snap`
//! and has to be accepted deliberately (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test fixture_briefs` and a look at the
//! diff). Paths are given from the repository's root, as a user would.

use std::path::Path;

fn fixture_names() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    for dir in ["fixtures", "fixtures/html"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                names.push(name);
            }
        }
    }
    names.sort();
    names
}

#[test]
fn every_fixture_brief_is_as_recorded() {
    let names = fixture_names();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let out = assert_cmd::Command::cargo_bin("brief")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["analyze", "--pretty", "--quiet", &name])
            .assert()
            .success();
        let brief = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let snapshot = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(snapshot, brief);
    }
}
