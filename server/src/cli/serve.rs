//! `randori serve`: the server until SIGINT/SIGTERM; SIGHUP reloads the katas.

use std::process::ExitCode;

use crate::app::config::ServeConfig;
use crate::server::{Server, shutdown_signal};

pub async fn serve(config: ServeConfig) -> anyhow::Result<ExitCode> {
    let server = Server::start(config).await?;
    println!("randori listening on http://{}", server.addr);
    let app = server.app.clone();
    // SIGHUP reloads the kata catalogue.
    #[cfg(unix)]
    tokio::spawn(async move {
        if let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        {
            while hup.recv().await.is_some() {
                app.katas.reload();
            }
        }
    });
    shutdown_signal().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
