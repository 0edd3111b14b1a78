//! English inflections for term lists (`inflect = true`).
//!
//! Deliberately conservative: plural and verb forms only (`-s`, `-es`, `-ed`,
//! `-ing`, and the dropped-g `-in`/`-in'`), plus a few irregular verbs.
//! Agent (`-er`) and adjective (`-y`) forms are not generated because they
//! make real words out of short terms ("tit" → "titter", "dick" → "dicky");
//! rule authors list those forms themselves.

/// Irregular forms of verbs that appear in the built-in lists.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("swear", &["swore", "sworn"]),
    ("shit", &["shat"]),
    ("piss", &["pissed"]),
    ("bite", &["bit", "bitten"]),
    ("fight", &["fought"]),
    ("take", &["took", "taken"]),
    ("give", &["gave", "given"]),
    ("send", &["sent"]),
];

/// The term and its inflected forms (the term itself first). Only the last word
/// of a phrase is inflected.
pub(crate) fn inflections(term: &str) -> Vec<String> {
    let (head, word) = match term.rfind([' ', '-']) {
        Some(i) => term.split_at(i + 1),
        None => ("", term),
    };
    let mut forms = vec![term.to_owned()];
    if word.chars().count() < 2 || !word.chars().all(|c| c.is_alphabetic()) {
        return forms;
    }
    for form in word_forms(word) {
        let full = format!("{head}{form}");
        if !forms.contains(&full) {
            forms.push(full);
        }
    }
    forms
}

fn word_forms(word: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let last = word.chars().last().unwrap_or(' ');
    let before_last = word.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);

    // Plural / third person.
    if word.ends_with('s') || word.ends_with('x') || word.ends_with('z') || word.ends_with("ch") || word.ends_with("sh")
    {
        forms.push(format!("{word}es"));
    } else if last == 'y' && !vowel(before_last) {
        forms.push(format!("{}ies", &word[..word.len() - 1]));
    } else {
        forms.push(format!("{word}s"));
    }

    // Past and participle.
    let stem_e = word.strip_suffix('e');
    match stem_e {
        Some(stem) => {
            forms.push(format!("{word}d"));
            forms.push(format!("{stem}ing"));
            forms.push(format!("{stem}in"));
            forms.push(format!("{stem}in'"));
        }
        None if last == 'y' && !vowel(before_last) => {
            let stem = &word[..word.len() - 1];
            forms.push(format!("{stem}ied"));
            forms.push(format!("{word}ing"));
        }
        None => {
            for stem in stems(word) {
                forms.push(format!("{stem}ed"));
                forms.push(format!("{stem}ing"));
                forms.push(format!("{stem}in"));
                forms.push(format!("{stem}in'"));
            }
        }
    }

    if let Some((_, irregular)) = IRREGULAR.iter().find(|(base, _)| *base == word) {
        forms.extend(irregular.iter().map(|f| (*f).to_owned()));
    }
    forms
}

/// The stems for `-ed`/`-ing`: the word, and with the final consonant doubled
/// when it ends consonant-vowel-consonant (shit → shitting). Both are kept
/// because English doubles inconsistently and a non-word form costs nothing.
fn stems(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let vowel = |c: char| "aeiou".contains(c);
    let mut stems = vec![word.to_owned()];
    if n >= 3 && !vowel(chars[n - 1]) && !"wxy".contains(chars[n - 1]) && vowel(chars[n - 2]) && !vowel(chars[n - 3]) {
        stems.push(format!("{word}{}", chars[n - 1]));
    }
    stems
}

#[cfg(test)]
mod tests {
    use super::inflections;

    #[test]
    fn verbs_nouns_and_irregulars() {
        let forms = inflections("swear");
        for form in ["swear", "swears", "swearing", "sweared", "swore", "sworn"] {
            assert!(forms.iter().any(|f| f == form), "{form} missing from {forms:?}");
        }
        let forms = inflections("shit");
        assert!(forms.iter().any(|f| f == "shitting"));
        assert!(forms.iter().any(|f| f == "shits"));
        assert!(inflections("bitch").iter().any(|f| f == "bitches"));
        assert!(inflections("bed blocker").iter().any(|f| f == "bed blockers"));
    }

    #[test]
    fn no_agent_or_adjective_forms() {
        assert!(!inflections("tit").iter().any(|f| f == "titter"));
        assert!(!inflections("dick").iter().any(|f| f == "dicky"));
    }
}
