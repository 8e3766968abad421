//! Tests of HTML extraction, on pages written for them.

use super::*;

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Page</title></head><body>{body}</body></html>")
}

fn lines(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

const LONG_A: &str = "The first paragraph of the body is long enough to count as text.";
const LONG_B: &str = "The second paragraph of the body is also long enough to count.";

#[test]
fn html_is_recognised_after_bom_whitespace_and_comments() {
    assert!(looks_like_html("<!DOCTYPE html><html></html>"));
    assert!(looks_like_html(
        "\u{FEFF}  \n<!-- saved page --> <!--x-->\n<HTML lang=en>"
    ));
    assert!(looks_like_html("<head><title>x</title></head>"));
    assert!(looks_like_html("<body>"));
    assert!(looks_like_html("<!doctype HTML>"));
    assert!(looks_like_html(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">"
    ));
}

#[test]
fn plain_text_is_not_html() {
    assert!(!looks_like_html(
        "Talks Resume\n\n“We want peace,” she said."
    ));
    assert!(!looks_like_html("<header> is a tag, she said."));
    assert!(!looks_like_html("<htmlish>"));
    assert!(!looks_like_html("<!-- never closed <html>"));
    assert!(!looks_like_html("The <html> tag opens a page."));
    assert!(!looks_like_html(""));
    assert!(!looks_like_html("<"));
}

#[test]
fn article_paragraphs_come_in_order_without_boilerplate() {
    let html = page(&format!(
        "<nav><a href='/'>Home Link</a></nav>\
         <article><h1>Budget  Passes</h1><p>{LONG_A}</p><h2>Next steps</h2>\
         <ul><li>One item in a list</li></ul><p>{LONG_B}</p></article>\
         <footer><p>Copyright line of the footer here, quite long too.</p></footer>"
    ));
    let got = extract_article(&html);
    assert_eq!(got.title.as_deref(), Some("Budget Passes"));
    assert_eq!(
        lines(&got.text),
        [
            "Budget Passes",
            LONG_A,
            "Next steps",
            "One item in a list",
            LONG_B
        ]
    );
}

#[test]
fn whitespace_collapses_and_entities_decode() {
    let html = page("<article><p>  Caf&eacute;   owners\n\tsaid <b>no</b>,<br>twice &amp; again &#8212; loudly.  </p></article>");
    let got = extract_article(&html);
    assert_eq!(
        got.text,
        "Page\n\nCafé owners said no, twice & again — loudly."
    );
}

#[test]
fn title_falls_back_to_og_title_then_title_without_site_name() {
    let body = format!("<div><p>{LONG_A}</p></div>");
    let og = format!(
        "<html><head><title>T | Site</title><meta property='og:title' content=' Og  Headline '></head><body>{body}</body></html>"
    );
    assert_eq!(extract_article(&og).title.as_deref(), Some("Og Headline"));
    for (title, want) in [
        ("Story Title | The Daily Example", "Story Title"),
        ("Story Title - Daily Example", "Story Title"),
        ("Story Title — Example", "Story Title"),
        (
            "Pay rise - what it means for the workers in the port city",
            "Pay rise - what it means for the workers in the port city",
        ),
        ("| Site", "| Site"),
    ] {
        let html = format!("<html><head><title>{title}</title></head><body>{body}</body></html>");
        let got = extract_article(&html);
        assert_eq!(got.title.as_deref(), Some(want), "{title}");
        assert_eq!(lines(&got.text), [want, LONG_A]);
    }
}

#[test]
fn h1_above_the_body_is_the_title() {
    let html = page(&format!(
        "<div class='article-header'><h1>Above</h1></div><div class='text'><p>{LONG_A}</p><p>{LONG_B}</p></div>"
    ));
    let got = extract_article(&html);
    assert_eq!(got.title.as_deref(), Some("Above"));
    assert_eq!(lines(&got.text), ["Above", LONG_A, LONG_B]);
}

#[test]
fn boilerplate_classes_are_dropped_but_whole_words_only() {
    let html = page(&format!(
        "<div class='commentary-body'><p>{LONG_A}</p>\
         <div class='share_buttons'><p>Share this story with your friends and family now.</p></div>\
         <div id='comments'><p>A reader comment that is long enough to be scored.</p></div>\
         <div class='newsletter-signup'><p>Subscribe to our newsletter for the daily digest.</p></div>\
         <p class='photo-credit'>Photo credit line that is long enough to be scored.</p>\
         <div role='complementary'><p>Complementary material that is long enough, too.</p></div>\
         <div class='ad has-ads'><p>Advertisement text that is long enough to be scored.</p></div>\
         <p>{LONG_B}</p></div>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B]
    );
}

#[test]
fn a_weak_class_word_does_not_drop_the_body() {
    let html = page(&format!(
        "<div class='article-body has-ads'><p>{LONG_A}</p><p>{LONG_B}</p></div>\
         <div class='sidebar'><p>Sidebar text that is long enough to be scored too.</p></div>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B]
    );
}

#[test]
fn social_embeds_hidden_elements_and_captions_are_dropped() {
    let html = page(&format!(
        "<article><p>{LONG_A}</p>\
         <blockquote class='twitter-tweet'><p>Tweet text here</p>&mdash; Poster (@poster)</blockquote>\
         <blockquote class='instagram-media'><p>Insta text</p></blockquote>\
         <div class='fb-post'><p>Facebook post text that is long enough to score.</p></div>\
         <blockquote><p>A real quotation from a report, kept.</p></blockquote>\
         <p hidden>Hidden paragraph</p><p style='display: none'>Invisible paragraph</p>\
         <figure><img src=x><figcaption>Caption words</figcaption></figure>\
         <p>{LONG_B}</p></article>"
    ));
    let got = extract_article(&html);
    assert_eq!(
        lines(&got.text),
        [
            "Page",
            LONG_A,
            "A real quotation from a report, kept.",
            LONG_B
        ]
    );
}

#[test]
fn the_densest_container_wins_without_semantic_markup() {
    let html = page(&format!(
        "<div class='top'><p>A teaser for another story, short but over limit.</p></div>\
         <div class='x'><div class='y'><p>{LONG_A}</p><p>{LONG_B}</p><p>{LONG_A}</p></div></div>\
         <div class='links'><p><a href='/a'>A headline that is a link and only a link, long.</a></p></div>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B, LONG_A]
    );
}

#[test]
fn a_body_split_over_sibling_blocks_is_kept_whole() {
    let html = page(&format!(
        "<div><div class='part'><p>{LONG_A}</p><p>{LONG_B}</p></div>\
         <div class='part'><p>{LONG_B}</p></div></div>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B, LONG_B]
    );
}

#[test]
fn the_largest_article_wins() {
    let html = page(&format!(
        "<article><p>A short teaser article with just one line.</p></article>\
         <article><h1>Main</h1><p>{LONG_A}</p><p>{LONG_B}</p></article>"
    ));
    let got = extract_article(&html);
    assert_eq!(lines(&got.text), ["Main", LONG_A, LONG_B]);
}

#[test]
fn pages_without_paragraphs_fall_back_to_visible_text() {
    let html = page("<nav>Menu</nav><div>First block of text<br>second line</div><div><span>Third</span> block</div><script>var x = {};</script>");
    let got = extract_article(&html);
    assert_eq!(
        lines(&got.text),
        ["Page", "First block of text", "second line", "Third block"]
    );
}

#[test]
fn nested_lists_and_quotes_give_one_line_each() {
    let html = page(&format!(
        "<article><p>{LONG_A}</p><ul><li>Outer item<ul><li>Inner item</li></ul> tail</li></ul>\
         <blockquote><p>Quoted one</p><p>Quoted two</p></blockquote></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        [
            "Page",
            LONG_A,
            "Outer item",
            "Inner item",
            "tail",
            "Quoted one",
            "Quoted two"
        ]
    );
}

#[test]
fn empty_and_broken_pages_do_not_panic() {
    for html in [
        "",
        "<html>",
        "<!DOCTYPE html><html><head></head><body></body></html>",
        "<p>unclosed <b>bold <i>both</p> after",
        "<table><tr><td><p>cell</td></table></div></span>",
        "<html><frameset><frame src=a></frameset></html>",
        "<<<>>>&&&;;;</</",
    ] {
        let got = extract_article(html);
        assert!(!got.text.ends_with(char::is_whitespace), "{html:?}");
    }
    assert_eq!(extract_article("").text, "");
    // html5ever repairs the markup as a browser would; the loose text after
    // the paragraph is not in a paragraph, so it is not article text.
    let got = extract_article("<p>unclosed <b>bold <i>both</p> after");
    assert_eq!(got.text, "unclosed bold both");
}

#[test]
fn deep_and_large_pages_are_handled() {
    // Past the nesting cap, start tags are dropped but their text is kept,
    // and a script there is still a script.
    let deep = format!(
        "{}<script>var x = \"<p>not text</p>\";</script><p>{LONG_A}</p>{}",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    let started = std::time::Instant::now();
    let got = extract_article(&deep);
    assert_eq!(lines(&got.text), [LONG_A]);
    // Quadratic parsing took minutes here; linear takes well under one
    // second even in a debug build on a busy machine.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let many = format!(
        "<article>{}</article>",
        format!("<p>{LONG_B}</p>").repeat(20_000)
    );
    assert_eq!(lines(&extract_article(&many).text).len(), 20_000);
}

#[test]
fn nesting_below_the_cap_is_parsed_as_written() {
    let html = page(&format!(
        "{}<article><div class='text'><p>{LONG_A}</p></div></article>{}<aside><p>{LONG_B}</p></aside>",
        "<div>".repeat(400),
        "</div>".repeat(400)
    ));
    assert_eq!(lines(&extract_article(&html).text), ["Page", LONG_A]);
}

#[test]
fn realistic_news_page_gives_the_story_only() {
    let html = include_str!("../../../fixtures/html/news-page.html");
    assert!(looks_like_html(html));
    let got = extract_article(html);
    assert_eq!(
        got.title.as_deref(),
        Some("Mayor Vows to Keep Riverside Clinic Open")
    );
    let want = [
        "Mayor Vows to Keep Riverside Clinic Open",
        "ELMSTEAD — Mayor Jane Roe on Tuesday promised to keep the Riverside Community Clinic open, defying a plan by the Harbor County Board to close it by summer.",
        "“We will not back down,” said Mayor Jane Roe. “This clinic serves eleven thousand families, and they deserve better than a line in a spreadsheet.”",
        "The county board voted 4-3 last month to shift the clinic’s $2.1 million budget to a new regional hospital, arguing that the building on Mill Street needs repairs it cannot afford.",
        "A divided board",
        "Board chair Oliver Grint defended the vote. “Nobody wants to close a clinic,” he said, “but we were left with a choice between a leaking roof and a modern hospital.”",
        "Councilwoman Priya Vantongeren, who represents the Riverside district, called the decision “short-sighted” and said she would ask the state Health Authority to review it.",
        "The Elmstead Nurses Association backed the mayor. Its president, Dolores Fairweather-Kay, said members had collected more than 9,000 signatures in two weeks.",
        "Mr. Grint said the board would meet again on April 2 and would hear from residents before any final decision.",
        "“We are listening,” he said. “But listening does not pay for a roof.”",
    ];
    assert_eq!(lines(&got.text), want);
    for absent in [
        "dataLayer",
        "</div>",
        "{",
        "<",
        "Politics",
        "Weather Desk",
        "Opinion",
        "cookie",
        "Accept all",
        "Pat Quill",
        "Share on",
        "Advertisement",
        "@samfictional_news",
        "Sam Fictional",
        "Standing room",
        "Barnaby Fettle",
        "Minnie Strand",
        "Related stories",
        "Horatio Plumm",
        "Most read",
        "2031 The Daily Example",
        "Privacy policy",
        "Lee Shutter",
        "Story Title",
        "metrics.js",
    ] {
        assert!(
            !got.text.contains(absent),
            "{absent:?} leaked into {:?}",
            got.text
        );
    }
    // The text reads as brief's plain-text articles do: headline first.
    let brief = crate::analyze(got.text, "news-page.html", 0, Default::default());
    assert_eq!(brief.title, got.title);
    assert_eq!(brief.stats.paragraphs, want.len());
}

// ------------------------------------------------ review fixes (html-fixes)

const LONG_C: &str = "A third paragraph of the story, which carries on for a while yet.";

#[test]
fn teaser_cards_in_articles_do_not_beat_a_story_in_plain_divs() {
    let html = page(&format!(
        "<div class='wrap'><div class='story'><h1>Ferry Fares Rise</h1>\
         <div class='story-body'><p>{LONG_A}</p><p>{LONG_B}</p><p>{LONG_C}</p></div></div>\
         <section class='more'>\
         <article class='card'><h3><a href='/1'>Other news</a></h3>\
         <p>A teaser for a different story, long enough to be scored as text.</p></article>\
         <article class='card'><p>Another teaser for another story, also long enough.</p></article>\
         </section></div>"
    ));
    let got = extract_article(&html);
    assert_eq!(got.title.as_deref(), Some("Ferry Fares Rise"));
    assert_eq!(
        lines(&got.text),
        ["Ferry Fares Rise", LONG_A, LONG_B, LONG_C]
    );
    // An article holding the story still wins over a shorter block outside.
    let html = page(&format!(
        "<article><p>{LONG_A}</p><p>{LONG_B}</p></article>\
         <div class='more'><p>{LONG_C}</p></div>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B]
    );
}

#[test]
fn utility_classes_that_say_hidden_do_not_drop_content() {
    for class in [
        "prose overflow-hidden",
        "sm-hidden",
        "md:hidden lg:block",
        "hidden",
        "text_hidden",
    ] {
        let html = page(&format!(
            "<article><h1>Head</h1><div class='{class}'><p>{LONG_A}</p><p>{LONG_B}</p></div>\
             <p class='text-sm'>Filed on Monday in the local section.</p></article>"
        ));
        assert_eq!(
            lines(&extract_article(&html).text),
            [
                "Head",
                LONG_A,
                LONG_B,
                "Filed on Monday in the local section."
            ],
            "{class}"
        );
    }
    // Really hidden is said by attributes, and still dropped.
    let html = page(&format!(
        "<article><p>{LONG_A}</p><div aria-hidden='true'><p>{LONG_C}</p></div>\
         <div style='display:none'><p>{LONG_C}</p></div><p>{LONG_B}</p></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B]
    );
}

#[test]
fn a_br_separated_body_wins_over_a_paragraph_footer() {
    let footer = "<div class='bottom'><p>Contact the newsroom with tips and corrections about stories.</p></div>";
    for body in [
        format!("<div class='hd'>Site</div><div class='text'><b>Lead In</b><br><br>{LONG_A}<br><br>{LONG_B}<br>{LONG_C}</div>{footer}"),
        format!("<table><tr><td class='menu'><a href='/'>Home</a></td>\
                 <td><font><b>Lead In</b></font><br>{LONG_A}<br><br>{LONG_B}<br>{LONG_C}</td></tr></table>{footer}"),
    ] {
        let got = extract_article(&page(&body));
        let got = lines(&got.text);
        assert_eq!(got[..5], ["Page", "Lead In", LONG_A, LONG_B, LONG_C], "{body}");
        assert!(!got.contains(&"Site") && !got.contains(&"Home"), "{got:?}");
    }
    // A body in paragraphs keeps its reading: a dateline or a loose caption
    // beside it is no reason to read all visible text.
    let html = page(&format!(
        "<article><div>Filed Monday</div><p>{LONG_A}</p><p>{LONG_B}</p>\
         <div>A loose line of text</div></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Page", LONG_A, LONG_B]
    );
}

#[test]
fn prose_with_links_stays_and_link_lines_go() {
    let lead = "The <a href='/r'>harbour safety report of the transport ministry, out Tuesday</a>, found the pier unsafe.";
    let html = page(&format!(
        "<article><p>{lead}</p><p>{LONG_A}</p>\
         <p>Read more: <a href='/x'>Why the board keeps putting off its decision on the old pier</a></p>\
         <p>Tags: <a href='/t/a'>Harbour</a>, <a href='/t/b'>Pier</a>, <a href='/t/c'>Board</a></p>\
         <p><a href='/1'>Council budget</a> <a href='/2'>School wing</a> <a href='/3'>Ferry fares</a></p>\
         <p>{LONG_B}</p></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        [
            "Page",
            "The harbour safety report of the transport ministry, out Tuesday, found the pier unsafe.",
            LONG_A,
            LONG_B
        ]
    );
}

#[test]
fn the_site_logo_is_not_the_title() {
    let story = format!("<p>{LONG_A}</p><p>{LONG_B}</p>");
    let cases = [
        // The logo's h1 before the content, the headline in an h2 in it.
        (
            "<title>Ferry Fares Rise | Example Post</title>",
            format!("<div id='top'><h1 class='logo'><a href='/'>Example Post</a></h1></div><div id='content'><h2 class='headline'>Ferry Fares Rise</h2>{story}</div>"),
        ),
        // No declared title to match: the h2 opening the content still is.
        (
            "",
            format!("<div class='site-branding'><h1>Example Post</h1></div><div><h2>Ferry Fares Rise</h2>{story}</div>"),
        ),
        // An h1 inside the content beats the site's h1 before it.
        (
            "<title>Example Post</title>",
            format!("<h1 id='site-title'>Example Post</h1><article><h1>Ferry Fares Rise</h1>{story}</article>"),
        ),
        // The heading that og:title names wins over the first h1.
        (
            "<meta property='og:title' content='Ferry fares rise'>",
            format!("<h1>Example Post</h1><div><h2>Ferry Fares Rise</h2>{story}</div>"),
        ),
    ];
    for (head, body) in cases {
        let html = format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>");
        let got = extract_article(&html);
        assert_eq!(got.title.as_deref(), Some("Ferry Fares Rise"), "{body}");
        assert_eq!(
            lines(&got.text),
            ["Ferry Fares Rise", LONG_A, LONG_B],
            "{body}"
        );
    }
    // A sub-heading after the first paragraph is not the headline.
    let html = page(&format!(
        "<div><p>{LONG_A}</p><h2>Next steps</h2><p>{LONG_B}</p></div>"
    ));
    assert_eq!(extract_article(&html).title.as_deref(), Some("Page"));
}

#[test]
fn bylines_ad_labels_copyright_and_signup_lines_are_dropped() {
    let html = page(&format!(
        "<article><h1>Head</h1><p>By Mira Quell, Staff Reporter</p><p>- ADVERTISEMENT -</p>\
         <p>{LONG_A}</p><p>Sponsored</p><p>Ad</p>\
         <p>Sign up for our evening newsletter to get the day's stories in your inbox.</p>\
         <p>{LONG_B}</p><p>© 2026 Example Post</p><p>Copyright 2026 Example Post. All rights reserved.</p></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text),
        ["Head", LONG_A, LONG_B]
    );
    for byline in [
        "By Mira Quell",
        "by Mira Quell and Tomas Vell, staff writers in Elmstead",
        "BY MIRA QUELL | Example Post",
        "By Anna de la Cruz",
    ] {
        let html = page(&format!(
            "<article><p>{byline}</p><p>{LONG_A}</p></article>"
        ));
        assert_eq!(
            lines(&extract_article(&html).text),
            ["Page", LONG_A],
            "{byline}"
        );
    }
}

#[test]
fn sentences_that_start_like_furniture_are_kept() {
    for line in [
        "By noon, the crowd had grown.",
        "By Tuesday the council had voted to close it.",
        "By the time the vote came, the hall was empty.",
        "Copyright lawyers said the ruling would matter.",
        "Advertisement spending fell by a third last year.",
        "Subscribers to the ferry pass will pay more.",
    ] {
        let html = page(&format!("<article><p>{line}</p><p>{LONG_A}</p></article>"));
        assert_eq!(
            lines(&extract_article(&html).text),
            ["Page", line, LONG_A],
            "{line}"
        );
    }
    // A "By …" line deep in the story is the story's.
    let html = page(&format!(
        "<article><p>{LONG_A}</p><p>{LONG_B}</p><p>{LONG_C}</p><p>By Mira Quell</p></article>"
    ));
    assert_eq!(
        lines(&extract_article(&html).text).last(),
        Some(&"By Mira Quell")
    );
}

#[test]
fn a_page_in_a_declared_charset_reads_right() {
    let html = "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' \
                content='text/html; charset=windows-1251'><title>Мэр</title></head>\
                <body><article><p>Мэр Иван Петров открыл новый мост в понедельник.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
    assert!(std::str::from_utf8(&bytes).is_err());
    let article = crate::io::input::decode(bytes.into_owned(), &Default::default()).unwrap();
    assert!(!article.decoded_as_cp1252);
    let got = extract_article(&article.text);
    assert_eq!(
        got.text,
        "Мэр\n\nМэр Иван Петров открыл новый мост в понедельник."
    );
}
