//! A load that follows a key — a postcode, an establishment in a language — asked again whenever the key changes,
//! where an answer for a key replaced since is never seen.
//!
//! A `LocalResource` re-runs its fetcher when a signal it read changes, and is safe once its owner is gone. It runs
//! its futures one after the other, though, and writes the answer of a run whose key was replaced meanwhile when it
//! arrives, before the next run's: a quick typist would see the communes of the postcode typed before. So each
//! answer carries its key, and [`KeyedResource::get`] gives it only while that key is still the current one.

use leptos::prelude::*;
use std::future::Future;

pub struct KeyedResource<K: Send + Sync + 'static, V: 'static> {
    key: Memo<Option<K>>,
    answer: LocalResource<Option<(K, V)>>,
}

impl<K: Send + Sync + 'static, V: 'static> Clone for KeyedResource<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync + 'static, V: 'static> Copy for KeyedResource<K, V> {}

impl<K, V> KeyedResource<K, V>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Clone + 'static,
{
    /// `key` is tracked: each new value asks `fetch` again; `None` asks nothing (the postcode is not typed yet).
    pub fn new<Fut>(key: impl Fn() -> Option<K> + Send + Sync + 'static, fetch: impl Fn(K) -> Fut + 'static) -> Self
    where
        Fut: Future<Output = V> + 'static,
    {
        let key = Memo::new(move |_| key());
        let answer = LocalResource::new(move || {
            let asked = key.get();
            let pending = asked.clone().map(&fetch);
            async move {
                match (asked, pending) {
                    (Some(asked), Some(pending)) => Some((asked, pending.await)),
                    _ => None,
                }
            }
        });
        Self { key, answer }
    }

    /// The answer for the current key, tracked; `None` while it is being asked, and without a key.
    pub fn get(&self) -> Option<V> {
        let current = self.key.get();
        self.answer.with(|answer| match (answer, current) {
            (Some(Some((asked, value))), Some(current)) if *asked == current => Some(value.clone()),
            _ => None,
        })
    }
}
