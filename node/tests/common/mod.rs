//! A harness for tests against a live `palisade-node`: it starts the node on free loopback
//! ports with its own base path, talks JSON-RPC over HTTP, and kills the node when dropped.

// Each test binary compiles this module and uses a different part of it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::{
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

/// A node process started by a test. It can be stopped and started again on the same base
/// path and ports.
pub struct TestNode {
	child: Mutex<Child>,
	args: Vec<String>,
	rpc_port: u16,
	/// The libp2p port, for other nodes' `--bootnodes`.
	pub p2p_port: u16,
	/// The node's own directory: its base path and its log.
	dir: PathBuf,
	log_path: PathBuf,
}

/// `N` distinct TCP ports on the loopback interface that nothing listens on right now. All are
/// held until all are chosen, so that none is handed out twice.
pub fn free_ports<const N: usize>() -> [u16; N] {
	let listeners: [TcpListener; N] = core::array::from_fn(|_| {
		TcpListener::bind("127.0.0.1:0").expect("can bind an ephemeral port")
	});
	listeners.map(|listener| listener.local_addr().expect("bound socket has an address").port())
}

/// Runs `palisade-node` with `args` in `dir`, appending its log to `log_path`.
fn spawn(args: &[String], dir: &Path, rpc_port: u16, p2p_port: u16, log_path: &Path) -> Child {
	let log = std::fs::OpenOptions::new()
		.create(true)
		.append(true)
		.open(log_path)
		.expect("can open the node's log file");
	Command::new(env!("CARGO_BIN_EXE_palisade-node"))
		.args(args)
		.args(["--base-path", dir.join("base").to_str().expect("utf-8 path")])
		.args(["--rpc-port", &rpc_port.to_string()])
		.args(["--port", &p2p_port.to_string()])
		.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
		.stdout(Stdio::null())
		.stderr(log)
		.spawn()
		.expect("palisade-node starts")
}

impl TestNode {
	/// Starts `palisade-node` named `name` with `args`, on free RPC and p2p ports.
	pub fn start(name: &str, args: &[&str]) -> Self {
		let [rpc_port, p2p_port] = free_ports();
		let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
			.join(format!("{name}-{}-{rpc_port}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).expect("can create the node's directory");
		let log_path = dir.join("node.log");
		let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
		let child = spawn(&args, &dir, rpc_port, p2p_port, &log_path);
		Self { child: Mutex::new(child), args, rpc_port, p2p_port, dir, log_path }
	}

	/// Stops the node as an operator would (SIGTERM), waiting up to a minute for it to exit.
	pub fn stop(&self) {
		let mut child = self.child.lock().expect("not poisoned");
		let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
		let start = Instant::now();
		while start.elapsed() < Duration::from_secs(60) {
			if child.try_wait().ok().flatten().is_some() {
				return;
			}
			std::thread::sleep(Duration::from_millis(200));
		}
		panic!("the node did not stop within a minute of SIGTERM\n{}", self.log_tail());
	}

	/// Kills the node at once (SIGKILL): no shutdown, whatever it was writing.
	pub fn kill(&self) {
		let mut child = self.child.lock().expect("not poisoned");
		let _ = child.kill();
		let _ = child.wait();
	}

	/// Starts the stopped node again, with the same arguments, base path and ports.
	pub fn start_again(&self) {
		let mut child = self.child.lock().expect("not poisoned");
		assert!(child.try_wait().ok().flatten().is_some(), "the node is still running");
		*child = spawn(&self.args, &self.dir, self.rpc_port, self.p2p_port, &self.log_path);
	}

	/// The port of the node's RPC server.
	pub fn rpc_port(&self) -> u16 {
		self.rpc_port
	}

	/// The node's base path.
	pub fn base_path(&self) -> PathBuf {
		self.dir.join("base")
	}

	/// Calls the JSON-RPC `method` and returns its `result`, or the error it answered with.
	pub fn rpc(&self, method: &str, params: Value) -> Result<Value, String> {
		let body =
			json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
		let mut stream = TcpStream::connect(("127.0.0.1", self.rpc_port))
			.map_err(|e| format!("connect: {e}"))?;
		stream
			.set_read_timeout(Some(Duration::from_secs(30)))
			.map_err(|e| e.to_string())?;
		// The node checks `Host` (with the port) against its allowed hosts.
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
			self.rpc_port,
			body.len()
		)
		.map_err(|e| format!("send: {e}"))?;
		let mut response = String::new();
		stream.read_to_string(&mut response).map_err(|e| format!("receive: {e}"))?;
		let (_, payload) =
			response.split_once("\r\n\r\n").ok_or_else(|| format!("not HTTP: {response}"))?;
		let reply: Value =
			serde_json::from_str(payload).map_err(|e| format!("not JSON ({e}): {payload}"))?;
		match reply.get("result") {
			Some(result) => Ok(result.clone()),
			None => Err(format!("{method} failed: {reply}")),
		}
	}

	/// Polls `check` every second until it returns `Some`. Panics with the node's log if the
	/// node exits or `timeout` passes first.
	pub fn wait_for<T>(
		&self,
		what: &str,
		timeout: Duration,
		mut check: impl FnMut(&Self) -> Option<T>,
	) -> T {
		let start = Instant::now();
		while start.elapsed() < timeout {
			if let Some(value) = check(self) {
				return value;
			}
			let exited = self.child.lock().expect("not poisoned").try_wait().ok().flatten();
			if let Some(status) = exited {
				panic!("the node exited ({status}) while waiting for {what}\n{}", self.log_tail());
			}
			std::thread::sleep(Duration::from_secs(1));
		}
		panic!("timed out after {timeout:?} waiting for {what}\n{}", self.log_tail());
	}

	/// The number of the block with hash `hash`.
	pub fn block_number(&self, hash: &Value) -> Option<u64> {
		let header = self.rpc("chain_getHeader", json!([hash])).ok()?;
		u64::from_str_radix(header.get("number")?.as_str()?.trim_start_matches("0x"), 16).ok()
	}

	/// The number of the latest finalised block.
	pub fn finalized_number(&self) -> Option<u64> {
		let hash = self.rpc("chain_getFinalizedHead", json!([])).ok()?;
		self.block_number(&hash)
	}

	/// The number of the best block.
	pub fn best_number(&self) -> Option<u64> {
		let hash = self.rpc("chain_getBlockHash", json!([])).ok()?;
		self.block_number(&hash)
	}

	/// The hash of the block numbered `number` in the node's best chain.
	pub fn block_hash(&self, number: u64) -> Option<String> {
		self.rpc("chain_getBlockHash", json!([number]))
			.ok()?
			.as_str()
			.map(str::to_owned)
	}

	/// The node's log so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(&self.log_path).unwrap_or_default()
	}

	/// The number of peers the node is connected to.
	pub fn peers(&self) -> Option<u64> {
		self.rpc("system_health", json!([])).ok()?.get("peers")?.as_u64()
	}

	/// The last lines of the node's log.
	pub fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(&self.log_path).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		let tail = lines[lines.len().saturating_sub(60)..].join("\n");
		format!("--- node log ({}) ---\n{tail}", self.log_path.display())
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		let child = self.child.get_mut().expect("not poisoned");
		let _ = child.kill();
		let _ = child.wait();
		if !std::thread::panicking() {
			let _ = std::fs::remove_dir_all(&self.dir);
		}
	}
}

/// Decodes hex `0x…` bytes.
pub fn hex_bytes(hex: &str) -> Vec<u8> {
	let hex = hex.trim_start_matches("0x");
	(0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("valid hex"))
		.collect()
}
