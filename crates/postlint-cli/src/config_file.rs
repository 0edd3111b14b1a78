//! Finding and reading `postlint.toml`: in the working directory or the
//! nearest folder above it, or the file named by `--config`. The core parses it.

use std::path::{Path, PathBuf};

use postlint::Config;

use crate::error::Error;

/// The configuration file's name.
pub const FILE_NAME: &str = "postlint.toml";

/// A configuration read from a file.
#[derive(Debug)]
pub struct ConfigFile {
    /// The file, as a path relative to the working directory where it was found there or above.
    pub path: PathBuf,
    /// What it says.
    pub config: Config,
}

impl ConfigFile {
    /// The folder that paths in the file (its `rules`) are relative to.
    pub fn base(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

/// Reads the configuration: `explicit` if given, else `postlint.toml` in the
/// working directory or the nearest folder above it; `None` when there is none
/// or `disabled`.
pub fn load(explicit: Option<&Path>, disabled: bool) -> Result<Option<ConfigFile>, Error> {
    if disabled {
        return Ok(None);
    }
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match discover()? {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let text = crate::inputs::read_text_file(&path)?;
    let config = Config::from_toml(&path.display().to_string(), &text)?;
    Ok(Some(ConfigFile { path, config }))
}

/// The nearest `postlint.toml` in the working directory or above, as a relative
/// path (`postlint.toml`, `../postlint.toml`), so messages stay short and the same
/// on every machine.
fn discover() -> Result<Option<PathBuf>, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io("the working directory", e))?;
    let mut relative = PathBuf::new();
    for folder in cwd.ancestors() {
        if folder.join(FILE_NAME).is_file() {
            return Ok(Some(relative.join(FILE_NAME)));
        }
        relative.push("..");
    }
    Ok(None)
}
