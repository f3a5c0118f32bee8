use passregion_api_server::config::{self, Command};

#[tokio::main]
async fn main() {
    let config = match config::parse_args(std::env::args().skip(1), |k| std::env::var(k).ok()) {
        Ok(Command::Run(c)) => *c,
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
    let listener = match listen(config.addr) {
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
        config.region_data.describe(),
        if config.dev { ", dev outbox at /dev/outbox" } else { "" },
        state.clock.today(),
    );
    if config.dev {
        match passregion_api_server::demo::ensure(&state.store, state.clock.now(), &config.public_url) {
            Ok(number) => println!(
                "Demo account of the beneficiary space (card on its way): dossier {} — password {}",
                passregion_core::dossier::format(&number),
                passregion_api_server::demo::PASSWORD
            ),
            Err(e) => eprintln!("no demo account: {e}"),
        }
    }
    if !passregion_api_server::routes::space::session::secure_cookies(&config.public_url) {
        eprintln!(
            "warning: {} is plain http and not loopback: browsers drop Secure cookies there, so the session cookie is sent \
             without Secure and without the __Host- prefix. Serve the app over https.",
            config.public_url
        );
    }
    // The guardian's one reminder, 3 days after the email (see passregion_core::guardian): checked every 10 minutes,
    // so a reminder goes out at most that late; in --dev a moved clock (--today) is honoured at the next check.
    let reminders = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = passregion_api_server::routes::guardian::send_due_reminders(&reminders).await {
                eprintln!("guardian reminders: {e:?}");
            }
        }
    });
    // The peer address keys the per-client rate limits.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}

/// Binds with a deep accept queue: a room of pupils opening the site at the same instant must not see connection
/// attempts dropped (tokio's `TcpListener::bind` asks for 128; 200 simultaneous clients overflowed it and waited a
/// second each for the retry, measured by `./dev loadtest`). The kernel caps it at its own `somaxconn`.
fn listen(addr: std::net::SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}
