//! The Parquet sink of an export: rows gathered into columns, a row group written whenever
//! [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`] bytes of cells are held, then handed to the
//! output at once. Every column is optional (a missing cell is a null); texts are UTF-8
//! `STRING`s, days `DATE`s, counts and offsets `INT64`, numbers `DOUBLE`.
//!
//! The writer needs a `Send` output and tracks the offsets its footer records itself, so it
//! writes into a buffer that is emptied into the real output after each row group: memory stays
//! that of one row group.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use recoupe_store::{Result, StoreError};
use serde_json::Value;

use super::{Kind, Table};

/// Rows held before a row group is written.
pub(crate) const ROW_GROUP_ROWS: usize = 8_192;
/// Bytes of text held before a row group is written (long articles make small groups).
pub(crate) const ROW_GROUP_BYTES: usize = 16 << 20;

/// The cells of one column of the row group being gathered, with their definition levels
/// (1: a value, 0: null).
struct Column {
    values: Values,
    levels: Vec<i16>,
}

enum Values {
    Text(Vec<ByteArray>),
    /// Days since 1970-01-01.
    Date(Vec<i32>),
    Int(Vec<i64>),
    Float(Vec<f64>),
}

impl Column {
    fn new(kind: Kind) -> Column {
        let values = match kind {
            Kind::Text => Values::Text(Vec::new()),
            Kind::Date => Values::Date(Vec::new()),
            Kind::Int => Values::Int(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
        };
        Column {
            values,
            levels: Vec::new(),
        }
    }

    /// Adds a cell; gives the bytes of text it holds.
    fn push(&mut self, cell: Value) -> usize {
        let mut bytes = 0;
        let present = match (&mut self.values, cell) {
            (Values::Text(values), Value::String(text)) => {
                bytes = text.len();
                values.push(ByteArray::from(text.into_bytes()));
                true
            }
            (Values::Date(values), Value::String(text)) => recoupe_core::Date::parse_iso(&text)
                .and_then(|d| i32::try_from(d.to_days()).ok())
                .map(|day| values.push(day))
                .is_some(),
            (Values::Int(values), cell) => cell.as_i64().map(|n| values.push(n)).is_some(),
            (Values::Float(values), cell) => cell.as_f64().map(|x| values.push(x)).is_some(),
            _ => false,
        };
        self.levels.push(i16::from(present));
        bytes
    }

    fn clear(&mut self) {
        self.levels.clear();
        match &mut self.values {
            Values::Text(v) => v.clear(),
            Values::Date(v) => v.clear(),
            Values::Int(v) => v.clear(),
            Values::Float(v) => v.clear(),
        }
    }
}

pub(crate) struct Rows<'a> {
    writer: SerializedFileWriter<Vec<u8>>,
    columns: Vec<Column>,
    rows: usize,
    bytes: usize,
    out: &'a mut dyn Write,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(table: Table, out: &'a mut dyn Write) -> Result<Rows<'a>> {
        let fields = table
            .columns()
            .iter()
            .zip(table.kinds())
            .map(|(name, kind)| {
                let physical = match kind {
                    Kind::Text => parquet::basic::Type::BYTE_ARRAY,
                    Kind::Date => parquet::basic::Type::INT32,
                    Kind::Int => parquet::basic::Type::INT64,
                    Kind::Float => parquet::basic::Type::DOUBLE,
                };
                let mut field = Type::primitive_type_builder(name, physical)
                    .with_repetition(parquet::basic::Repetition::OPTIONAL);
                match kind {
                    Kind::Text => {
                        field = field.with_logical_type(Some(parquet::basic::LogicalType::String))
                    }
                    Kind::Date => {
                        field = field.with_logical_type(Some(parquet::basic::LogicalType::Date))
                    }
                    Kind::Int | Kind::Float => {}
                }
                field.build().map(Arc::new)
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(parquet_error)?;
        let schema = Type::group_type_builder(&format!("recoupe_{}", table.name()))
            .with_fields(fields)
            .build()
            .map_err(parquet_error)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("recoupe {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(Vec::new(), Arc::new(schema), Arc::new(properties))
            .map_err(parquet_error)?;
        let columns = table.kinds().iter().map(|k| Column::new(*k)).collect();
        Ok(Rows {
            writer,
            columns,
            rows: 0,
            bytes: 0,
            out,
        })
    }

    /// One row, its cells in the order of the table's columns; a cell of another kind than its
    /// column's is written as null.
    pub(crate) fn write(&mut self, cells: Vec<Value>) -> Result<()> {
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            self.bytes += column.push(cell);
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.row_group()?;
        }
        Ok(())
    }

    /// The rows held written as one row group, and the bytes made handed to the output.
    fn row_group(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(parquet_error)?;
        for column in &mut self.columns {
            let Some(mut writer) = group.next_column().map_err(parquet_error)? else {
                break;
            };
            let levels = Some(column.levels.as_slice());
            let written = match &column.values {
                Values::Text(v) => writer.typed::<ByteArrayType>().write_batch(v, levels, None),
                Values::Date(v) => writer.typed::<Int32Type>().write_batch(v, levels, None),
                Values::Int(v) => writer.typed::<Int64Type>().write_batch(v, levels, None),
                Values::Float(v) => writer.typed::<DoubleType>().write_batch(v, levels, None),
            };
            written.map_err(parquet_error)?;
            writer.close().map_err(parquet_error)?;
            column.clear();
        }
        group.close().map_err(parquet_error)?;
        self.rows = 0;
        self.bytes = 0;
        self.hand_over()
    }

    /// What the writer has made so far, out of its buffer and into the output.
    fn hand_over(&mut self) -> Result<()> {
        self.writer.flush().map_err(StoreError::Io)?;
        let made = std::mem::take(self.writer.inner_mut());
        self.out.write_all(&made).map_err(StoreError::Io)
    }

    /// The last row group and the footer written, the output flushed.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.row_group()?;
        self.writer.finish().map_err(parquet_error)?;
        self.hand_over()?;
        self.out.flush().map_err(StoreError::Io)
    }
}

fn parquet_error(e: parquet::errors::ParquetError) -> StoreError {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => StoreError::Io(*io),
                Err(other) => StoreError::Io(std::io::Error::other(other.to_string())),
            }
        }
        other => StoreError::Io(std::io::Error::other(format!("parquet: {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn link(n: usize) -> Vec<Value> {
        vec![
            format!("{n:016x}").into(),
            format!("{:016x}", n + 1).into(),
            "translation".into(),
            (n as f64 / 4.0).into(),
            n.into(),
            Value::Null,
            0.into(),
            "word overlap 0.80: né à Łódź, родился в Лодзи".into(),
        ]
    }

    /// An output whose length can be looked at while an export writes to it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn rows_go_out_a_row_group_at_a_time_and_read_back_typed() {
        let shared = Shared::default();
        let mut sink = shared.clone();
        let total = 2 * ROW_GROUP_ROWS + 17;
        {
            let mut rows = Rows::new(Table::Links, &mut sink).unwrap();
            for n in 0..ROW_GROUP_ROWS - 1 {
                rows.write(link(n)).unwrap();
            }
            // nothing goes out before the first group is full
            assert_eq!(shared.0.borrow().len(), 0);
            rows.write(link(ROW_GROUP_ROWS - 1)).unwrap();
            assert!(
                shared.0.borrow().len() > 1_000,
                "the first row group is handed over when full"
            );
            for n in ROW_GROUP_ROWS..total {
                rows.write(link(n)).unwrap();
            }
            rows.finish().unwrap();
        }
        let out = shared.0.borrow().clone();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.parquet");
        std::fs::write(&path, &out).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 3);
        let read: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(read.len(), total);
        let last: Vec<(String, Field)> = read[total - 1]
            .get_column_iter()
            .map(|(n, f)| (n.clone(), f.clone()))
            .collect();
        let n = total - 1;
        assert_eq!(last[0], ("a".into(), Field::Str(format!("{n:016x}"))));
        assert_eq!(last[3], ("score".into(), Field::Double(n as f64 / 4.0)));
        assert_eq!(
            last[4],
            ("aligned_paragraphs".into(), Field::Long(n as i64))
        );
        assert_eq!(last[5], ("a_adds".into(), Field::Null));
        assert_eq!(
            last[7].1,
            Field::Str("word overlap 0.80: né à Łódź, родился в Лодзи".into())
        );
    }

    #[test]
    fn an_empty_table_is_a_readable_file_with_its_columns() {
        let mut out = Vec::new();
        let mut rows = Rows::new(Table::Corrections, &mut out).unwrap();
        rows.finish().unwrap();
        drop(rows);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corrections.parquet");
        std::fs::write(&path, &out).unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        assert_eq!(names, Table::Corrections.columns());
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }

    #[test]
    fn every_table_has_a_kind_per_column() {
        for table in Table::ALL {
            assert_eq!(table.columns().len(), table.kinds().len(), "{table:?}");
        }
    }
}
