//! JSON Lines and JSON: one article per line, or a JSON array of articles, or one object.
//! Field names of recoupe (`id`, `title`, `text`, `published`, `url`, `source`, `language`) and of
//! news-please (`maintext`, `date_publish`, `source_domain`, `authors`) are both understood.
//! A line that is not an article is reported and skipped; the other lines are kept.

use recoupe_core::{Date, Diagnostic, Lang, RawArticle};
use serde_json::{Map, Value};

pub fn read_json(source: &str, text: &str) -> (Vec<RawArticle>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let trimmed = text.trim_start();
    // A JSON array, or one (possibly pretty-printed) object.
    if trimmed.starts_with('[') || (trimmed.starts_with('{') && !first_line_is_object(trimmed)) {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Array(items)) => {
                for (index, item) in items.into_iter().enumerate() {
                    push(source, index + 1, item, &mut articles, &mut problems);
                }
            }
            Ok(item) => push(source, 1, item, &mut articles, &mut problems),
            // not one document: maybe JSON Lines whose first line is broken
            Err(e) if trimmed.starts_with('[') => problems.push(format!("not valid JSON: {e}")),
            Err(_) => return read_lines(source, text),
        }
        return (articles, problems);
    }
    read_lines(source, text)
}

fn read_lines(source: &str, text: &str) -> (Vec<RawArticle>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(item) => push(source, index + 1, item, &mut articles, &mut problems),
            Err(e) => problems.push(format!("line {}: not valid JSON: {e}", index + 1)),
        }
    }
    (articles, problems)
}

fn first_line_is_object(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object())
}

fn push(
    source: &str,
    line: usize,
    item: Value,
    articles: &mut Vec<RawArticle>,
    problems: &mut Vec<String>,
) {
    match article_from_value(source, line, &item) {
        Ok(article) => articles.push(article),
        Err(message) => problems.push(format!("record {line}: {message}")),
    }
}

fn string_field(object: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match object.get(*name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Array(items)) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    })
}

/// Builds an article from one JSON object (also used for API bodies and similarity pairs).
pub fn article_from_value(source: &str, record: usize, item: &Value) -> Result<RawArticle, String> {
    let Value::Object(object) = item else {
        return Err("not a JSON object".into());
    };
    let title = string_field(object, &["title", "headline"]).unwrap_or_default();
    let body = string_field(object, &["text", "maintext", "body", "content", "article"])
        .unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        return Err("no title and no text".into());
    }
    let mut diagnostics = Vec::new();
    let published = match string_field(
        object,
        &[
            "published",
            "date_publish",
            "date",
            "published_at",
            "datePublished",
        ],
    ) {
        Some(value) => {
            let parsed = Date::parse_iso(&value);
            if parsed.is_none() {
                diagnostics.push(Diagnostic::new(
                    "ingest",
                    format!("publication date \"{value}\" not understood"),
                ));
            }
            parsed
        }
        None => None,
    };
    let updated = string_field(
        object,
        &["updated", "date_modify", "modified", "dateModified"],
    )
    .and_then(|v| Date::parse_iso(&v));
    let declared_language =
        string_field(object, &["language", "lang"]).and_then(|l| Lang::parse(&l));
    let id = string_field(object, &["id"]);
    let source = match id {
        Some(id) => format!("{source}#{id}"),
        None => format!("{source}#{record}"),
    };
    Ok(RawArticle {
        source,
        title,
        body,
        url: string_field(object, &["url"]),
        site: string_field(object, &["source", "source_domain", "site", "site_name"]),
        byline: string_field(object, &["byline", "author", "authors"]),
        declared_language,
        published,
        updated,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_and_news_please_fields() {
        let text = r#"{"id": "a1", "title": "T", "text": "Body.", "published": "2016-12-04T10:00:00Z", "language": "fr", "source": "Le Site"}
not json
{"title": "U", "maintext": "Autre.", "date_publish": "2024-11-30 08:00:00", "source_domain": "example.org", "authors": ["A", "B"]}
{"nothing": 1}"#;
        let (articles, problems) = read_json("f.jsonl", text);
        assert_eq!(articles.len(), 2);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(articles[0].source, "f.jsonl#a1");
        assert_eq!(
            articles[0].published.map(|d| d.to_string()).as_deref(),
            Some("2016-12-04")
        );
        assert_eq!(articles[0].declared_language, Lang::parse("fr"));
        assert_eq!(articles[1].body, "Autre.");
        assert_eq!(articles[1].site.as_deref(), Some("example.org"));
        assert_eq!(articles[1].byline.as_deref(), Some("A, B"));
    }

    #[test]
    fn deep_nesting_is_a_problem_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (articles, problems) = read_json("deep.json", &deep);
        assert!(articles.is_empty());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn arrays_and_pretty_objects() {
        let (articles, _) = read_json(
            "a.json",
            "[{\"title\": \"A\", \"text\": \"x\"}, {\"title\": \"B\", \"text\": \"y\"}]",
        );
        assert_eq!(articles.len(), 2);
        let (articles, _) = read_json("b.json", "{\n  \"title\": \"A\",\n  \"text\": \"x\"\n}\n");
        assert_eq!(articles.len(), 1);
    }
}
