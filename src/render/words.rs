//! The theme's words: every label and sentence a reader sees, read from `strings.yaml`.
//!
//! The built-in theme's file holds all keys; a site theme's `strings.yaml` overrides any of
//! them. Templates see the words as `t`, and Rust code that writes sentences (chart
//! descriptions) takes them from here too, so that one file translates the whole site.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A word, or a group of words under a key.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Entry {
    /// A label or sentence.
    Text(String),
    /// Words under sub-keys.
    Group(BTreeMap<String, Entry>),
}

/// All of the theme's words.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Words {
    tree: BTreeMap<String, Entry>,
}

impl Words {
    /// Reads a `strings.yaml`.
    pub fn parse(yaml: &str) -> Result<Words, serde_saphyr::Error> {
        serde_saphyr::from_str(yaml).map(|tree| Words { tree })
    }

    /// These words with `other`'s laid over them.
    pub fn overlaid(mut self, other: Words) -> Words {
        merge(&mut self.tree, other.tree);
        self
    }

    /// The word at a dotted path, such as `status.in_progress`; the path itself when absent,
    /// so that a missing word shows instead of breaking the build.
    pub fn get<'a>(&'a self, path: &'a str) -> &'a str {
        let mut parts = path.split('.');
        let mut entry = parts.next().and_then(|first| self.tree.get(first));
        for part in parts {
            entry = match entry {
                Some(Entry::Group(group)) => group.get(part),
                _ => None,
            };
        }
        match entry {
            Some(Entry::Text(text)) => text,
            _ => path,
        }
    }

    /// The word at `path` with each `{name}` replaced by its value.
    pub fn fill(&self, path: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(path).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

fn merge(base: &mut BTreeMap<String, Entry>, over: BTreeMap<String, Entry>) {
    for (key, entry) in over {
        match (base.get_mut(&key), entry) {
            (Some(Entry::Group(base_group)), Entry::Group(over_group)) => {
                merge(base_group, over_group)
            }
            (_, entry) => {
                base.insert(key, entry);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_dotted_paths_and_fills_values() {
        let words = Words::parse("status:\n  done: Done\nintro: 'As of {period}.'\n").unwrap();
        assert_eq!(words.get("status.done"), "Done");
        assert_eq!(words.get("status.nope"), "status.nope");
        assert_eq!(
            words.fill("intro", &[("period", "2025-Q3")]),
            "As of 2025-Q3."
        );
    }

    #[test]
    fn a_theme_overrides_single_words() {
        let base = Words::parse("status:\n  done: Done\n  delayed: Delayed\n").unwrap();
        let theme = Words::parse("status:\n  done: Complete\n").unwrap();
        let words = base.overlaid(theme);
        assert_eq!(words.get("status.done"), "Complete");
        assert_eq!(words.get("status.delayed"), "Delayed");
    }
}
