use passregion_api_server::config::{self, Command};

#[tokio::main]
async fn main() {
    let config = match config::parse_args(std::env::args().skip(1), |k| std::env::var(k).ok()) {
        Ok(Command::Run(c)) => c,
        Ok(Command::Help) => {
            print!("{}", config::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let clock = passregion_api_server::clock_for(&config);
    let (app, state) = match passregion_api_server::build(config.clone(), clock) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("cannot start: {e}");
            std::process::exit(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", config.addr);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| config.addr.to_string());
    println!(
        "Pass'Région reference API serving http://{addr}/ (app from {}, data in {}, {}{}, today {})",
        config.dist.display(),
        config.data_dir.display(),
        if config.region_data.is_some() { "whole region" } else { "sample establishments" },
        if config.dev { ", dev outbox at /dev/outbox" } else { "" },
        state.clock.today(),
    );
    // The peer address keys the per-client rate limits.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
