//! Through a real socket (127.0.0.1:0), as the browser and the end-to-end tests reach the server: a request
//! declaring more than 3 MB is answered 413 from its headers alone, and the server goes on serving.

use crate::harness::Server;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn read_head(stream: &mut TcpStream) -> String {
    let mut buf = vec![0u8; 16 * 1024];
    let mut got = Vec::new();
    loop {
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("answer in time")
            .unwrap();
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        if got.windows(4).any(|w| w == b"\r\n\r\n") && String::from_utf8_lossy(&got).contains("}") {
            break;
        }
    }
    String::from_utf8_lossy(&got).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_declared_length_is_refused_without_reading_the_body() {
    let s = Server::start();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = s.router.clone();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let mut stream = TcpStream::connect(addr).await.unwrap();
    // Headers only: the 3,000,001 announced bytes are never sent.
    stream
        .write_all(
            format!(
                "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=x\r\n\
                 Idempotency-Key: socket-1\r\nContent-Length: 3000001\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let answer = read_head(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("content-type: application/problem+json"), "{answer}");
    assert!(answer.contains("\"code\":\"payload_too_large\""), "{answer}");
    assert_eq!(s.counts(), [0, 0, 0, 0, 0]);

    // The server still answers on a new connection.
    let mut again = TcpStream::connect(addr).await.unwrap();
    again
        .write_all(format!("GET /api/v1/campaign HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let answer = read_head(&mut again).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
