use super::*;

#[test]
fn lower_case_forms_are_those_of_to_lowercase() {
    let doc = segment("The PRESIDENT of ÉTAT met Ǆemal in İstanbul; ΣΟΦΙΑ said “no” 42.".into());
    for i in 0..doc.tokens.len() {
        assert_eq!(doc.token_lower(i), doc.token_text(i).to_lowercase());
    }
}

fn toks(text: &str) -> Vec<String> {
    let doc = segment(text.to_string());
    (0..doc.tokens.len())
        .map(|i| doc.token_text(i).to_string())
        .collect()
}

fn joined(text: &str) -> String {
    toks(text).join("|")
}

fn sentences(text: &str) -> Vec<String> {
    let doc = segment(text.to_string());
    (0..doc.sentences.len())
        .map(|s| doc.slice(doc.sentence_range(s)).to_string())
        .collect()
}

fn kinds(text: &str) -> Vec<TokenKind> {
    segment(text.to_string())
        .tokens
        .iter()
        .map(|t| t.kind)
        .collect()
}

#[test]
fn clitics_are_split() {
    assert_eq!(joined("I don't know"), "I|do|n't|know");
    assert_eq!(joined("Zelenskyy's aides"), "Zelenskyy|'s|aides");
    assert_eq!(joined("they're here"), "they|'re|here");
    assert_eq!(joined("they’re here"), "they|’re|here");
    assert_eq!(joined("It won’t, we can't"), "It|wo|n’t|,|we|ca|n't");
    assert_eq!(joined("we cannot"), "we|can|not");
    assert_eq!(joined("I'd say we've"), "I|'d|say|we|'ve");
    assert_eq!(joined("O'Malley and O’Neill’s"), "O'Malley|and|O’Neill|’s");
}

#[test]
fn hyphenated_words_stay_whole_and_dashes_split() {
    assert_eq!(joined("a 50-year-old e-mail"), "a|50-year-old|e-mail");
    assert_eq!(joined("peace—or not"), "peace|—|or|not");
    assert_eq!(joined("peace – or not"), "peace|–|or|not");
    assert_eq!(joined("peace--or not"), "peace|--|or|not");
    assert_eq!(joined("a U.S.-led push"), "a|U.S.-led|push");
}

#[test]
fn numbers_keep_separators() {
    assert_eq!(joined("1,200 troops"), "1,200|troops");
    assert_eq!(joined("rose 3.5%"), "rose|3.5|%");
    assert_eq!(joined("$4.5 billion"), "$|4.5|billion");
    assert_eq!(joined("at 5:07 p.m."), "at|5:07|p.m.");
    assert_eq!(joined("fell to -3 degrees"), "fell|to|-3|degrees");
    assert_eq!(joined("the '90s"), "the|'90s");
    assert_eq!(
        kinds("1,200 3.5 9/11"),
        vec![TokenKind::Number, TokenKind::Number, TokenKind::Number]
    );
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(joined("the U.S. and U.N."), "the|U.S.|and|U.N.");
    assert_eq!(joined("Mr. Smith, Sen. Jones"), "Mr.|Smith|,|Sen.|Jones");
    assert_eq!(joined("Donald J. Trump"), "Donald|J.|Trump");
    assert_eq!(joined("No. 2 and no."), "No.|2|and|no|.");
    assert_eq!(joined("Acme Inc. said"), "Acme|Inc.|said");
    assert_eq!(joined("It ended."), "It|ended|.");
}

#[test]
fn party_state_tags_and_clitics_after_abbreviations() {
    assert_eq!(
        joined("Sen. Ted Cruz (R-Texas.) and Rep. Ann Lee (D-N.J.) met"),
        "Sen.|Ted|Cruz|(|R-Texas|.|)|and|Rep.|Ann|Lee|(|D-N.J.|)|met"
    );
    assert_eq!(joined("McConnell, R-Ky., said"), "McConnell|,|R-Ky.|,|said");
    assert_eq!(joined("the U.N.'s record"), "the|U.N.|'s|record");
    assert_eq!(joined("end ___ and ***"), "end|___|and|***");
}

#[test]
fn ellipsis_after_a_full_stop_opens_the_next_sentence() {
    assert_eq!(
        sentences("He had no proof. ... He would not have done that."),
        vec!["He had no proof.", "... He would not have done that."]
    );
}

#[test]
fn special_tokens_stay_whole() {
    assert_eq!(
        joined("See https://example.com/a(b). Or www.example.org, ok"),
        "See|https://example.com/a(b)|.|Or|www.example.org|,|ok"
    );
    assert_eq!(
        joined("mail jane.doe@example.org now"),
        "mail|jane.doe@example.org|now"
    );
    assert_eq!(
        joined("@jane_doe and #Peace2025!"),
        "@jane_doe|and|#Peace2025|!"
    );
    assert_eq!(
        kinds("https://x.org a@b.org @x #y <b>"),
        vec![
            TokenKind::Url,
            TokenKind::Email,
            TokenKind::Handle,
            TokenKind::Hashtag,
            TokenKind::Markup
        ]
    );
    assert_eq!(joined("AT&T and Q&A & more"), "AT&T|and|Q&A|&|more");
    assert_eq!(joined("wait... what"), "wait|...|what");
    assert_eq!(joined("wait . . . what"), "wait|. . .|what");
}

#[test]
fn quotation_marks_are_tokens_with_direction() {
    let doc = segment("He said “peace” and ‘calm’ and «paix» and „Frieden”.".to_string());
    let dirs: Vec<(String, QuoteDir)> = doc
        .tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t.kind {
            TokenKind::Quote(d) => Some((doc.token_text(i).to_string(), d)),
            _ => None,
        })
        .collect();
    use QuoteDir::*;
    assert_eq!(
        dirs,
        vec![
            ("“".into(), Open),
            ("”".into(), Close),
            ("‘".into(), Open),
            ("’".into(), Close),
            ("«".into(), Open),
            ("»".into(), Close),
            ("„".into(), Open),
            ("”".into(), Close)
        ]
    );
}

fn quote_dirs(text: &str) -> Vec<QuoteDir> {
    segment(text.to_string())
        .tokens
        .iter()
        .filter_map(|t| match t.kind {
            TokenKind::Quote(d) => Some(d),
            _ => None,
        })
        .collect()
}

#[test]
fn straight_quotes_get_direction_from_context() {
    use QuoteDir::*;
    assert_eq!(
        quote_dirs(r#""We want peace," he said."#),
        vec![Open, Close]
    );
    assert_eq!(
        quote_dirs(r#"He said: "No." Then left."#),
        vec![Open, Close]
    );
    assert_eq!(
        quote_dirs(r#"the so-called 'reform' plan"#),
        vec![Open, Close]
    );
    // Spaces on both sides: the depth decides.
    assert_eq!(quote_dirs(r#"a " b " c"#), vec![Open, Close]);
    // NYT style: doubled apostrophes for both ends.
    assert_eq!(
        joined("But ''the issue,'' Mr. Lee said"),
        "But|''|the|issue|,|''|Mr.|Lee|said"
    );
    assert_eq!(
        quote_dirs("But ''the issue,'' Mr. Lee said"),
        vec![Open, Close]
    );
    assert_eq!(quote_dirs("``Yes,'' he said"), vec![Open, Close]);
}

#[test]
fn apostrophes_inside_and_after_words() {
    assert_eq!(kinds("the parents' votes")[2], TokenKind::Punct);
    assert_eq!(joined("the parents' votes"), "the|parents|'|votes");
    assert_eq!(joined("Ukraine’s aspirations"), "Ukraine|’s|aspirations");
}

#[test]
fn sentences_do_not_break_after_abbreviations_or_initials() {
    assert_eq!(
        sentences("Sen. Jones met Gen. Smith and Donald J. Trump in the U.S. capital on Jan. 5. They talked."),
        vec![
            "Sen. Jones met Gen. Smith and Donald J. Trump in the U.S. capital on Jan. 5.",
            "They talked."
        ]
    );
    assert_eq!(
        sentences("It rose 3.5 percent at 5:07 p.m. Eastern time. Then it fell."),
        vec![
            "It rose 3.5 percent at 5:07 p.m. Eastern time.",
            "Then it fell."
        ]
    );
    assert_eq!(
        sentences(
            "Dr. Lee, Mrs. Ray, Mr. Orr, Rep. Kim, Gov. Lin, Lt. Cole, St. Paul and No. 5 came."
        ),
        vec!["Dr. Lee, Mrs. Ray, Mr. Orr, Rep. Kim, Gov. Lin, Lt. Cole, St. Paul and No. 5 came."]
    );
}

#[test]
fn no_break_after_any_listed_abbreviation_before_a_name() {
    for abbr in [
        "U.S.", "U.N.", "Mr.", "Mrs.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "St.", "Jan.",
        "Feb.", "Sept.", "Inc.", "Corp.", "Jr.", "a.m.", "p.m.",
    ] {
        let text = format!("They met {abbr} Smith there. Then they left.");
        assert_eq!(sentences(&text).len(), 2, "{text}");
        assert!(toks(&text).contains(&abbr.to_string()), "{text}");
    }
    assert_eq!(
        sentences("It was No. 5 on the list. Then it fell.").len(),
        2
    );
}

#[test]
fn sentences_break_after_abbreviation_that_ends_one() {
    assert_eq!(
        sentences("Talks were held in the U.S. The allies agreed."),
        vec!["Talks were held in the U.S.", "The allies agreed."]
    );
    assert_eq!(
        sentences("He works for Acme Inc. But not for long."),
        vec!["He works for Acme Inc.", "But not for long."]
    );
}

#[test]
fn sentences_and_quotations() {
    assert_eq!(
        sentences(r#""We want peace," he said. Then he left."#),
        vec![r#""We want peace," he said."#, "Then he left."]
    );
    assert_eq!(
        sentences("Everyone “wants peace.” Trump said so."),
        vec!["Everyone “wants peace.”", "Trump said so."]
    );
    assert_eq!(
        sentences(r#"He "wants peace." Trump said so."#),
        vec![r#"He "wants peace.""#, "Trump said so."]
    );
    assert_eq!(
        sentences("“Is this peace?” he asked. “Yes!” she said."),
        vec!["“Is this peace?” he asked.", "“Yes!” she said."]
    );
    assert_eq!(
        sentences("He said: “We want peace. We will get it.” Then he left."),
        vec![
            "He said: “We want peace.",
            "We will get it.”",
            "Then he left."
        ]
    );
}

#[test]
fn sentences_break_on_question_and_exclamation() {
    assert_eq!(
        sentences("Why now? Nobody knows! Really?! Yes."),
        vec!["Why now?", "Nobody knows!", "Really?!", "Yes."]
    );
}

#[test]
fn ellipsis_mid_sentence_is_not_a_break() {
    assert_eq!(
        sentences("We will ... consider it. Later."),
        vec!["We will ... consider it.", "Later."]
    );
    assert_eq!(
        sentences("It was over… They left."),
        vec!["It was over…", "They left."]
    );
}

#[test]
fn decimals_do_not_break() {
    assert_eq!(
        sentences("Growth was 3.5 percent. It slowed."),
        vec!["Growth was 3.5 percent.", "It slowed."]
    );
}

#[test]
fn sentences_never_cross_paragraphs() {
    let doc = segment("First line without stop\nSecond line.\n\nThird para".to_string());
    assert_eq!(doc.paragraphs.len(), 3);
    assert_eq!(doc.sentences.len(), 3);
    for (k, s) in doc.sentences.iter().enumerate() {
        let p = &doc.paragraphs[s.paragraph];
        assert!(p.sentences.contains(&k));
    }
}

#[test]
fn single_newlines_separate_paragraphs_unless_wrapped() {
    let doc =
        segment("One paragraph.\nAnother one.\n\nA hard\nwrapped one,\nstill one.".to_string());
    let paras: Vec<&str> = (0..doc.paragraphs.len())
        .map(|p| doc.slice(doc.paragraph_range(p)))
        .collect();
    assert_eq!(
        paras,
        vec![
            "One paragraph.",
            "Another one.",
            "A hard\nwrapped one,\nstill one."
        ]
    );
}

#[test]
fn crlf_is_whitespace() {
    let doc = segment("Headline Here\r\n\r\nBody text. More.\r\n".to_string());
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(doc.title(), Some("Headline Here"));
    assert_eq!(doc.sentences.len(), 3);
}

#[test]
fn title_detection() {
    let title = |t: &str| segment(t.to_string()).title().map(str::to_string);
    assert_eq!(
        title("Leaders Agree to Talks on Ukraine\n\nThe leaders met."),
        Some("Leaders Agree to Talks on Ukraine".into())
    );
    assert_eq!(
        title("Leaders agree to talks on Ukraine\nThe leaders met."),
        Some("Leaders agree to talks on Ukraine".into())
    );
    assert_eq!(
        title("The leaders met on Monday and agreed to talks.\nThey will meet again."),
        None
    );
    assert_eq!(title("Just One Paragraph Here"), None);
    assert_eq!(
        title("Will Talks Succeed?\n\nNobody knows."),
        Some("Will Talks Succeed?".into())
    );
}

#[test]
fn char_offsets_count_characters_not_bytes() {
    let text = "Zelenskyy’s “peace” — 5€ déjà vu";
    let doc = segment(text.to_string());
    let chars: Vec<char> = text.chars().collect();
    for t in &doc.tokens {
        let by_chars: String = chars[t.char_start as usize..t.char_end as usize]
            .iter()
            .collect();
        assert_eq!(by_chars, &text[t.bytes()]);
    }
}

#[test]
fn combining_marks_and_emoji_stay_in_their_token() {
    assert_eq!(joined("cafe\u{301} 👍🏽 ok"), "cafe\u{301}|👍🏽|ok");
}

#[test]
fn ignorable_characters_are_skipped() {
    assert_eq!(joined("a\u{200B}b \u{FEFF}c"), "a|b|c");
}
