//! `--dev` only: the emails the server "sent", as JSON and as a page a person can read during a demo.

use crate::outbox::{self, OutboxMessage};
use crate::problem::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

pub async fn outbox_json(State(state): State<AppState>) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    if !state.config.dev {
        return Err(ApiError::not_found());
    }
    state.store.read(|conn| Ok(outbox::list(conn)?)).await.map(Json)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub async fn outbox_page(State(state): State<AppState>) -> Result<Response, ApiError> {
    if !state.config.dev {
        return Ok((StatusCode::NOT_FOUND, "Not found\n").into_response());
    }
    let messages = state.store.read(|conn| Ok(outbox::list(conn)?)).await?;
    let mut html = String::from(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Boîte d'envoi (dev) — Pass'Région</title></head><body>\
         <main><h1>Boîte d'envoi (développement)</h1>",
    );
    if messages.is_empty() {
        html.push_str("<p>Aucun message envoyé.</p>");
    }
    for m in &messages {
        html.push_str(&format!(
            "<article><h2>{}</h2><p>À : {} — {}</p><pre>{}</pre>",
            escape(&m.subject),
            escape(&m.to),
            escape(&m.created_at),
            escape(&m.body)
        ));
        if let Some(link) = &m.link {
            html.push_str(&format!("<p><a href=\"{0}\">{0}</a></p>", escape(link)));
        }
        html.push_str("</article><hr>");
    }
    html.push_str("</main></body></html>");
    let mut res = Html(html).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
