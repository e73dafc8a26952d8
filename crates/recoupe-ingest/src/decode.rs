//! Bytes to text: UTF-8 when it is UTF-8, else the declared charset, else a guess (chardetng),
//! with the guess recorded. Binary data is refused.

use encoding_rs::Encoding;

pub struct Decoded {
    pub text: String,
    /// Set when the text was not plain UTF-8: what was done ("decoded as windows-1256 (guessed)").
    pub note: Option<String>,
}

/// Decodes `bytes`; `declared` is a charset the document itself names (HTML `<meta charset>`).
pub fn decode_text(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        let _ = bom_len;
        let note = (encoding != encoding_rs::UTF_8 || had_errors).then(|| {
            format!(
                "decoded as {} (byte-order mark){}",
                encoding.name(),
                if had_errors {
                    ", with invalid bytes replaced"
                } else {
                    ""
                }
            )
        });
        return finish(text.into_owned(), note);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|b| **b == 0).count();
    if nuls * 100 > head.len() {
        return Err("binary file (NUL bytes), not text".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let note = (nuls > 0).then(|| "NUL bytes removed".to_string());
        return finish(text.replace('\0', ""), note);
    }
    let (encoding, how) = match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => (encoding, "declared"),
        _ => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (
                detector.guess(None, chardetng::Utf8Detection::Allow),
                "guessed",
            )
        }
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let note = format!(
        "decoded as {} ({how}){}",
        encoding.name(),
        if had_errors {
            ", with invalid bytes replaced"
        } else {
            ""
        }
    );
    finish(text.replace('\0', ""), Some(note))
}

fn finish(text: String, note: Option<String>) -> Result<Decoded, String> {
    // Text that decodes to mostly control characters or replacement marks is binary data.
    let sample: Vec<char> = text.chars().take(4096).collect();
    let bad = sample
        .iter()
        .filter(|c| **c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
        .count();
    if !sample.is_empty() && bad * 10 > sample.len() {
        return Err("binary file (mostly non-text bytes)".into());
    }
    Ok(Decoded { text, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encodings_are_decoded_and_the_guess_recorded() {
        let arabic = "قال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
        let decoded = decode_text(&bytes, None).unwrap();
        assert_eq!(decoded.text, arabic);
        assert!(decoded.note.unwrap().contains("windows-1256"));

        let russian =
            "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let decoded = decode_text(&bytes, None).unwrap();
        assert_eq!(decoded.text, russian);
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i % 7) as u8).collect();
        assert!(decode_text(&bytes, None).is_err());
    }
}
