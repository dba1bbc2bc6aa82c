//! Read-aloud ("Escuchar") logic without the browser: which voice to use and what to say, in
//! what order. `components::read_aloud` hands the result to `speechSynthesis`.

/// A voice as the browser lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct VoiceInfo {
    pub lang: String,
    pub name: String,
    /// Speaks without a connection (`localService`).
    pub local: bool,
}

/// The voice to read with: Mexican Spanish when there is one, else any Spanish; among equals a
/// voice on the device first (it works offline). None when no Spanish voice exists: the control
/// is then hidden.
pub fn pick_voice(voices: &[VoiceInfo]) -> Option<usize> {
    let lang = |v: &VoiceInfo| v.lang.to_ascii_lowercase().replace('_', "-");
    let rank = |v: &VoiceInfo| {
        let l = lang(v);
        let spanish = l == "es" || l.starts_with("es-");
        if !spanish {
            return None;
        }
        Some((u8::from(l != "es-mx"), u8::from(!v.local)))
    };
    voices
        .iter()
        .enumerate()
        .filter_map(|(i, v)| rank(v).map(|r| (r, i)))
        .min()
        .map(|(_, i)| i)
}

/// Longest piece handed to the synthesizer at once: some engines stop long utterances midway.
const MAX_CHARS: usize = 240;

/// Splits a block of text into pieces to speak: one per line, and long lines at sentence ends
/// (or, failing that, at a space) so no piece is over [`MAX_CHARS`].
pub fn pieces(text: &str) -> Vec<String> {
    let mut out = vec![];
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut rest = line.as_str();
        while rest.chars().count() > MAX_CHARS {
            let limit = rest
                .char_indices()
                .nth(MAX_CHARS)
                .map_or(rest.len(), |(i, _)| i);
            let head = &rest[..limit];
            let cut = head
                .rfind(". ")
                .map(|i| i + 1)
                .or_else(|| head.rfind(' '))
                .unwrap_or(limit);
            out.push(rest[..cut].trim().to_string());
            rest = rest[cut..].trim_start();
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// A part of a lesson: a section's title (empty for the introduction) and its text blocks.
pub struct Part {
    pub title: String,
    pub blocks: Vec<String>,
}

/// What is said, in order, with the index of the part being read: the lesson title, then each
/// part's title (none for the introduction) followed by its text.
pub fn script(lesson_title: &str, parts: &[Part]) -> Vec<(usize, String)> {
    let mut out = vec![(0, lesson_title.to_string())];
    for (i, p) in parts.iter().enumerate() {
        out.extend(pieces(&p.title).into_iter().map(|t| (i, t)));
        for b in &p.blocks {
            out.extend(pieces(b).into_iter().map(|t| (i, t)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lang: &str, name: &str, local: bool) -> VoiceInfo {
        VoiceInfo {
            lang: lang.into(),
            name: name.into(),
            local,
        }
    }

    #[test]
    fn mexican_spanish_first_then_any_spanish_then_none() {
        let voices = [
            v("en-US", "en", true),
            v("es-ES", "es", true),
            v("es-MX", "mx online", false),
            v("es_MX", "mx local", true),
        ];
        assert_eq!(pick_voice(&voices), Some(3), "es-MX on the device");
        assert_eq!(pick_voice(&voices[..3]), Some(2), "es-MX even online");
        assert_eq!(pick_voice(&voices[..2]), Some(1), "else any Spanish");
        assert_eq!(pick_voice(&voices[..1]), None, "no Spanish voice: hidden");
        assert_eq!(pick_voice(&[]), None);
        assert_eq!(pick_voice(&[v("ES", "es", false)]), Some(0));
        assert_eq!(pick_voice(&[v("est-EE", "estonian", true)]), None);
    }

    #[test]
    fn long_lines_are_cut_at_sentence_ends_and_nothing_is_lost() {
        let sentence = "La instancia municipal orienta, acompaña y canaliza a las mujeres. ";
        let text = format!("Título corto\n{}", sentence.repeat(8));
        let p = pieces(&text);
        assert_eq!(p[0], "Título corto");
        assert!(p.iter().all(|s| s.chars().count() <= MAX_CHARS), "{p:?}");
        assert!(p[1].ends_with("mujeres."), "{}", p[1]);
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&p.join(" ")), words(&text));
        let no_stop = "palabra ".repeat(100);
        assert!(pieces(&no_stop)
            .iter()
            .all(|s| s.chars().count() <= MAX_CHARS && !s.is_empty()));
        assert!(pieces("  \n \n").is_empty());
    }

    #[test]
    fn the_script_reads_title_intro_then_each_section_title_and_text() {
        let parts = [
            Part {
                title: String::new(),
                blocks: vec!["Intro.".into()],
            },
            Part {
                title: "Primera".into(),
                blocks: vec!["Uno.".into(), "a\nb".into()],
            },
            Part {
                title: "Segunda".into(),
                blocks: vec!["Dos.".into()],
            },
        ];
        let s = script("Lección", &parts);
        let expect: Vec<(usize, String)> = [
            (0, "Lección"),
            (0, "Intro."),
            (1, "Primera"),
            (1, "Uno."),
            (1, "a"),
            (1, "b"),
            (2, "Segunda"),
            (2, "Dos."),
        ]
        .iter()
        .map(|(i, t)| (*i, t.to_string()))
        .collect();
        assert_eq!(s, expect);
        // Without an introduction the lesson title comes with the first section.
        assert_eq!(
            script("Lección", &parts[1..])[..2],
            [(0, "Lección".into()), (0, "Primera".into())]
        );
    }
}
