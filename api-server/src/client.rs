//! Who is asking: the peer address of the connection, which keys the per-client rate limits.
//!
//! Behind a reverse proxy every request would come from the proxy; the Région's real API keys on the address its
//! trusted proxy forwards. The reference server listens directly, so it trusts no forwarding header (a client could
//! write any address there to escape its limit).

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl ClientIp {
    /// The rate-limit key: an IPv6 client is keyed by its /64, since one device may hold a whole prefix.
    pub fn key(self) -> String {
        match self.0 {
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(v6)) => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            // In-process tests have no connection: they all share one key.
            None => "unknown".into(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(ClientIp(Some("203.0.113.7".parse().unwrap())).key(), "203.0.113.7");
        let a = ClientIp(Some("2001:db8:1:2:aaaa::1".parse().unwrap())).key();
        let b = ClientIp(Some("2001:db8:1:2:bbbb::9".parse().unwrap())).key();
        assert_eq!(a, b);
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(ClientIp(None).key(), "unknown");
    }
}
