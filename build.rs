//! Tells the tests whether the evaluation data (`../shared`) sits beside
//! the repository: with it, the tests that compare against it run; without
//! it, they show as ignored (not as passed). The product itself never reads
//! that folder.
//!
//! Cargo re-runs this script when the folder's SCHEMA.md changes or goes
//! away, or when BRIEF_SHARED changes; a folder added after the first build
//! is seen after `touch build.rs` (watching a file that does not exist yet
//! would rebuild the crate on every cargo command).

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(brief_shared)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=BRIEF_SHARED");
    let dir = std::env::var_os("BRIEF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let schema = dir.join("SCHEMA.md");
    if schema.exists() {
        println!("cargo::rerun-if-changed={}", schema.display());
        println!("cargo::rustc-cfg=brief_shared");
    }
}
