//! Katas: the folder format (see docs/kata-format.md), the catalogue served to
//! clients, and reloading.
//!
//! A kata's public face (statement, starters, sample cases) and its secrets (hidden
//! cases, generator, reference solutions) live in one struct; only
//! [`Kata::public_view`] and [`Kata::summary`] are ever sent to clients.


use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};


use randori_core::kata::language::Language;
use randori_core::kata::spec::{self, Case, KataSpec, SpecError};
use randori_core::kata::view::{KataSummary, KataView, SampleCase};
pub use randori_core::kata::view::Starter;

/// Largest file read from a kata folder.
const MAX_KATA_FILE_BYTES: u64 = 1024 * 1024;


#[derive(Debug, Clone)]
pub struct Kata {
    pub slug: String,
    pub dir: PathBuf,
    pub spec: KataSpec,
    /// README.md, shown to users.
    pub statement: String,
    pub starters: BTreeMap<String, Starter>,
    pub samples: Vec<Case>,
    /// Never leave the server.
    pub hidden: Vec<Case>,
    /// `generator.py`; never leaves the server.
    pub generator: String,
    /// Reference solution per language; never leaves the server.
    pub references: BTreeMap<String, String>,
}

fn read(dir: &Path, rel: &str) -> Result<String, SpecError> {
    let path = dir.join(rel);
    let meta = std::fs::metadata(&path).map_err(|_| {
        SpecError::new(
            rel,
            None,
            "missing file; see docs/kata-format.md for the folder layout",
        )
    })?;
    if meta.len() > MAX_KATA_FILE_BYTES {
        return Err(SpecError::new(
            rel,
            None,
            format!("larger than {MAX_KATA_FILE_BYTES} bytes"),
        ));
    }
    std::fs::read_to_string(&path)
        .map_err(|e| SpecError::new(rel, None, format!("cannot read: {e}")))
}

pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
}

impl Kata {
    /// Loads and validates one kata folder; every problem found is returned.
    pub fn load(dir: &Path) -> Result<Kata, Vec<SpecError>> {
        let slug = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !is_valid_slug(&slug) {
            return Err(vec![SpecError::new(
                ".",
                None,
                format!(
                    "folder name {slug:?} is not a valid slug: use lowercase letters, digits and -"
                ),
            )]);
        }
        let spec = read(dir, "kata.toml")
            .map_err(|e| vec![e])
            .and_then(|s| spec::parse_spec(&s))?;
        let mut errors = Vec::new();
        let mut keep = |r: Result<String, SpecError>| r.map_err(|e| errors.push(e)).ok();
        let statement = keep(read(dir, "README.md"));
        let generator = keep(read(dir, "generator.py"));
        let mut starters = BTreeMap::new();
        let mut references = BTreeMap::new();
        // The spec parser accepts only languages it knows.
        for language in spec.languages.iter().filter_map(|l| Language::parse(l)) {
            let (lang, file, tests_file) = (language.name(), language.solution_file(), language.tests_file());
            let solution = keep(read(dir, &format!("starter/{lang}/{file}")));
            let tests = keep(read(dir, &format!("starter/{lang}/{tests_file}")));
            if let (Some(solution), Some(tests)) = (solution, tests) {
                starters.insert(lang.to_string(), Starter { solution, tests });
            }
            if let Some(r) = keep(read(dir, &format!("reference/{lang}/{file}"))) {
                references.insert(lang.to_string(), r);
            }
        }
        let mut cases = |file: &str| {
            read(dir, file)
                .and_then(|s| spec::parse_cases(file, &s, &spec.entry))
                .map_err(|e| errors.push(e))
                .ok()
        };
        let samples = cases("cases/sample.json");
        let hidden = cases("cases/hidden.json");
        if let Some(s) = &samples
            && s.is_empty()
        {
            errors.push(SpecError::new(
                "cases/sample.json",
                None,
                "add at least one sample case",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Kata {
            slug,
            dir: dir.to_path_buf(),
            spec,
            statement: statement.unwrap_or_default(),
            starters,
            samples: samples.unwrap_or_default(),
            hidden: hidden.unwrap_or_default(),
            generator: generator.unwrap_or_default(),
            references,
        })
    }

    pub fn starter(&self, language: &str) -> Option<&Starter> {
        self.starters.get(language)
    }

    /// What the catalogue lists.
    pub fn summary(&self) -> KataSummary {
        KataSummary::new(&self.slug, &self.spec)
    }

    /// What `GET /api/katas/{slug}` shows: public parts only.
    pub fn public_view(&self) -> KataView {
        KataView {
            summary: self.summary(),
            statement: self.statement.clone(),
            starters: self.starters.clone(),
            samples: self.samples.iter().map(SampleCase::of).collect(),
            entry: self.spec.entry.clone(),
            hidden_count: self.hidden.len(),
            random_count: self.spec.random.count,
        }
    }
}

/// The katas loaded from one directory.
#[derive(Debug, Default)]
pub struct Catalogue {
    katas: BTreeMap<String, Arc<Kata>>,
    /// Folders that failed to load, with why.
    pub problems: BTreeMap<String, Vec<SpecError>>,
}

impl Catalogue {
    /// Loads every kata folder under `dir`. Broken ones are reported, not served.
    pub fn load(dir: &Path) -> Catalogue {
        let mut catalogue = Catalogue::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            tracing::warn!(dir = %dir.display(), "kata directory not readable; serving no katas");
            return catalogue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for path in dirs {
            let slug = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            match Kata::load(&path) {
                Ok(k) => {
                    catalogue.katas.insert(slug, Arc::new(k));
                }
                Err(errors) => {
                    catalogue.problems.insert(slug, errors);
                }
            }
        }
        catalogue
    }

    pub fn get(&self, slug: &str) -> Option<&Arc<Kata>> {
        self.katas.get(slug)
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Kata>> {
        self.katas.values()
    }

    /// Sorted by difficulty, then title.
    pub fn summaries(&self) -> Vec<KataSummary> {
        let mut katas: Vec<&Arc<Kata>> = self.katas.values().collect();
        katas.sort_by(|a, b| {
            (a.spec.difficulty, &a.spec.title).cmp(&(b.spec.difficulty, &b.spec.title))
        });
        katas.into_iter().map(|k| k.summary()).collect()
    }
}

/// The served catalogue, swapped whole on reload (never half-loaded).
pub struct KataLibrary {
    dir: PathBuf,
    current: RwLock<Arc<Catalogue>>,
}

impl KataLibrary {
    pub fn load(dir: &Path) -> KataLibrary {
        let catalogue = Catalogue::load(dir);
        report(&catalogue);
        KataLibrary {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(catalogue)),
        }
    }

    pub fn current(&self) -> Arc<Catalogue> {
        self.current.read().expect("catalogue lock").clone()
    }

    /// Reloads from disk. A kata that is now broken keeps its last good version.
    pub fn reload(&self) {
        let mut fresh = Catalogue::load(&self.dir);
        let old = self.current();
        for slug in fresh.problems.keys() {
            if let Some(good) = old.get(slug) {
                tracing::warn!(kata = %slug, "kata is broken after reload; keeping the last good version");
                fresh.katas.insert(slug.clone(), good.clone());
            }
        }
        report(&fresh);
        *self.current.write().expect("catalogue lock") = Arc::new(fresh);
    }
}

fn report(catalogue: &Catalogue) {
    for (slug, errors) in &catalogue.problems {
        for e in errors {
            tracing::warn!(kata = %slug, "{e}");
        }
    }
    tracing::info!(
        katas = catalogue.katas.len(),
        broken = catalogue.problems.len(),
        "kata catalogue loaded"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../katas")
    }

    #[test]
    fn the_library_loads_without_problems() {
        let c = Catalogue::load(&library_dir());
        assert!(c.problems.is_empty(), "{:#?}", c.problems);
        assert!(c.all().count() >= 15);
    }

    #[test]
    fn public_view_has_no_secrets() {
        let c = Catalogue::load(&library_dir());
        for kata in c.all() {
            let text = serde_json::to_string(&kata.public_view()).unwrap();
            assert!(!text.contains("\"hidden\""));
            let starter = &kata.starters["python"].solution;
            // Lines the starter shares with the reference (the signature) are public anyway.
            for line in kata.references["python"]
                .lines()
                .filter(|l| l.trim().len() > 30 && !starter.contains(l.trim()))
            {
                assert!(
                    !text.contains(line.trim()),
                    "{}: reference line leaked: {line}",
                    kata.slug
                );
            }
        }
    }

    #[test]
    fn broken_folder_is_reported_with_its_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("broken-kata");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("kata.toml"), "title = \"x\"\n").unwrap();
        let c = Catalogue::load(tmp.path());
        let errors = &c.problems["broken-kata"];
        assert_eq!(errors[0].file, "kata.toml");
        assert!(c.get("broken-kata").is_none());
    }

    #[test]
    fn reload_keeps_the_last_good_version() {
        let tmp = tempfile::tempdir().unwrap();
        let src = library_dir().join("fizzbuzz");
        let dst = tmp.path().join("fizzbuzz");
        copy_dir(&src, &dst);
        let lib = KataLibrary::load(tmp.path());
        assert!(lib.current().get("fizzbuzz").is_some());
        std::fs::write(dst.join("cases/hidden.json"), "[{broken").unwrap();
        lib.reload();
        let current = lib.current();
        assert!(current.get("fizzbuzz").is_some(), "last good version kept");
        assert!(current.problems.contains_key("fizzbuzz"));
    }

    pub(crate) fn copy_dir(src: &Path, dst: &Path) {
        std::fs::create_dir_all(dst).unwrap();
        for entry in std::fs::read_dir(src).unwrap() {
            let entry = entry.unwrap();
            let to = dst.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &to);
            } else {
                std::fs::copy(entry.path(), to).unwrap();
            }
        }
    }
}
