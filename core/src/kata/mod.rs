//! The kata format as data: `kata.toml`, case files and value comparison. Reading
//! kata folders from disk is the server's (`randori::katas`).

pub mod compare;
pub mod language;
pub mod spec;
pub mod types;
pub mod view;
