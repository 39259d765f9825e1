//! The MT protocols, one module each, and the names they go by.

pub mod apertium;
pub mod deepl;
pub mod google;
pub mod libretranslate;
pub mod mymemory;
pub mod openai;

use super::provider::Provider;

/// The provider protocol named `name` (as in config and on the command line).
pub fn by_name(name: &str) -> Option<Box<dyn Provider>> {
    Some(match name {
        "apertium" => Box::new(apertium::Apertium),
        "deepl" => Box::new(deepl::DeepL),
        "google" => Box::new(google::Google),
        "libretranslate" => Box::new(libretranslate::LibreTranslate),
        "mymemory" => Box::new(mymemory::MyMemory),
        "openai" => Box::new(openai::OpenAi),
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::provider::{Endpoint, Reply};

    pub fn endpoint(url: &str) -> Endpoint {
        Endpoint { url: url.into(), api_key: None, model: None, email: None }
    }

    pub fn reply(status: u16, body: &str) -> Reply {
        Reply { status, headers: Default::default(), body: body.into() }
    }
}
