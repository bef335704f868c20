using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IceFarm.Testing;

/// <summary>
/// A RabbitMQ node of the test's own, started from the installed package's scripts (not the service wrapper, which
/// would switch to the rabbitmq user and read /etc/rabbitmq): its own node name, AMQP and distribution ports, cookie,
/// data, log, config and plugin files in a temporary folder, and a vhost and user of its own. A test may stop, kill and
/// restart it; the main broker (rabbit@…) is never touched. Management is off: rabbitmqctl -n does what the test needs.
/// <see cref="CreateWithTlsAsync"/> adds a TLS listener with the certificate a test made.
/// </summary>
public sealed class PrivateRabbitNode : IAsyncDisposable
{
    private const string Scripts = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _server;

    private PrivateRabbitNode(string directory, string nodeName, int amqpPort, int? amqpsPort, Dictionary<string, string> environment)
    {
        _directory = directory;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        AmqpsPort = amqpsPort;
        _environment = environment;
        AmqpUri = new Uri($"amqp://{User}:{Password}@127.0.0.1:{amqpPort}/{VirtualHost}");
    }

    public string NodeName { get; }

    public int AmqpPort { get; }

    /// <summary>The TLS listener's port (127.0.0.1), for a node made by <see cref="CreateWithTlsAsync"/>.</summary>
    public int? AmqpsPort { get; }

    /// <summary><see cref="AmqpUri"/> as <c>amqps://</c> on the TLS listener, for a node made by <see cref="CreateWithTlsAsync"/>.</summary>
    public Uri AmqpsUri => new($"amqps://{User}:{Password}@127.0.0.1:{AmqpsPort ?? throw new InvalidOperationException($"{NodeName} has no TLS listener.")}/{VirtualHost}");

    public string User => "icefarm-test";

    public string Password => "icefarm-test";

    public string VirtualHost => "icefarm";

    /// <summary>AMQP URI with this node's own user, password and vhost, as the services take it in <c>ConnectionStrings:RabbitMq</c>.</summary>
    public Uri AmqpUri { get; }

    /// <summary>What the node printed (startup banner, crash reasons), for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<PrivateRabbitNode> CreateAsync(CancellationToken ct = default) => CreateAsync(tls: null, ct);

    /// <summary>
    /// A node that also listens for AMQP over TLS on 127.0.0.1:<see cref="AmqpsPort"/> with <paramref name="certificate"/>
    /// (its chain ending at <paramref name="caCertificatePem"/>). Clients are not asked for certificates.
    /// </summary>
    public static Task<PrivateRabbitNode> CreateWithTlsAsync(TestServerCertificate certificate, string caCertificatePem, CancellationToken ct = default) =>
        CreateAsync((certificate, caCertificatePem), ct);

    private static async Task<PrivateRabbitNode> CreateAsync((TestServerCertificate Certificate, string CaPem)? tls, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(Scripts, "rabbitmq-server")))
        {
            throw new InvalidOperationException($"RabbitMQ's scripts are not in {Scripts}: install the rabbitmq-server package ('./build.sh --target=Infra').");
        }

        // A port chosen by the OS a moment ago may be taken again before the node binds it: try again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            var node = Prepare(tls);
            try
            {
                await node.StartAsync(ct);
                await node.CtlAsync(["add_vhost", node.VirtualHost], ct);
                await node.CtlAsync(["add_user", node.User, node.Password], ct);
                await node.CtlAsync(["set_permissions", "-p", node.VirtualHost, node.User, ".*", ".*", ".*"], ct);
                return node;
            }
            catch (Exception) when (attempt < 3 && !ct.IsCancellationRequested)
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the node (again, after <see cref="KillAsync"/> or a stop) on the same data: durable queues survive.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_server is { HasExited: false })
        {
            throw new InvalidOperationException($"{NodeName} is already running.");
        }

        _server?.Dispose();
        var info = new ProcessStartInfo(Path.Combine(Scripts, "rabbitmq-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var server = Process.Start(info) ?? throw new InvalidOperationException("Could not start rabbitmq-server.");
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;
        await WaitUntilRunningAsync(ct);
    }

    /// <summary><c>rabbitmqctl stop_app</c>: the broker closes every connection and stops listening; the Erlang node stays up.</summary>
    public Task StopAppAsync(CancellationToken ct = default) => CtlAsync(["stop_app"], ct);

    /// <summary><c>rabbitmqctl start_app</c>, and waits until the broker accepts connections again.</summary>
    public async Task StartAppAsync(CancellationToken ct = default)
    {
        await CtlAsync(["start_app"], ct);
        await CtlAsync(["await_startup", "--timeout", "60"], ct);
    }

    /// <summary>SIGKILL to this node's own Erlang VM (its pid file), as a crash would end it; waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken ct = default)
    {
        var pid = int.Parse((await File.ReadAllTextAsync(PidFile, ct)).Trim(), CultureInfo.InvariantCulture);
        using (var beam = Process.GetProcessById(pid))
        {
            beam.Kill();
            await beam.WaitForExitAsync(ct).WaitAsync(CtlTimeout, ct);
        }

        if (_server is not null)
        {
            await _server.WaitForExitAsync(ct).WaitAsync(CtlTimeout, ct);
        }

        File.Delete(PidFile);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                var (exitCode, _) = await CommandLine.RunAsync(Path.Combine(Scripts, "rabbitmqctl"), ["-n", NodeName, "-q", "stop"], CtlTimeout, _environment);
                using var deadline = new CancellationTokenSource(CtlTimeout);
                if (exitCode != 0)
                {
                    _server.Kill(entireProcessTree: true);
                }

                await _server.WaitForExitAsync(deadline.Token);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            // A node that does not stop in time must not outlive the test: kill the script and the VM it started.
            KillLeftovers();
        }
        finally
        {
            _server?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Runs <c>rabbitmqctl -n &lt;this node&gt; …</c> and throws with its output if it fails.</summary>
    public Task<string> CtlAsync(IReadOnlyList<string> arguments, CancellationToken ct = default) =>
        CommandLine.RunCheckedAsync(Path.Combine(Scripts, "rabbitmqctl"), ["-n", NodeName, "-q", .. arguments], CtlTimeout, _environment, ct);

    private string PidFile => Path.Combine(_directory, "node.pid");

    private static PrivateRabbitNode Prepare((TestServerCertificate Certificate, string CaPem)? tls)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"icefarm-rabbit-{id}")).FullName;
        var nodeName = $"icefarm-t{id}@localhost";
        var amqpPort = FreePorts.Next();
        var cookie = Path.Combine(directory, ".erlang.cookie");
        File.WriteAllText(cookie, Guid.NewGuid().ToString("N").ToUpperInvariant());
        if (!OperatingSystem.IsWindows())
        {
            // Erlang refuses a cookie file others can read.
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        var config = new StringBuilder("loopback_users = none\n");
        int? amqpsPort = null;
        if (tls is { } files)
        {
            amqpsPort = FreePorts.Next();
            File.WriteAllText(Path.Combine(directory, "ca.pem"), files.CaPem);
            File.WriteAllText(Path.Combine(directory, "server.pem"), files.Certificate.CertificatePem);
            File.WriteAllText(Path.Combine(directory, "server.key"), files.Certificate.PrivateKeyPem);
            config.Append(CultureInfo.InvariantCulture, $"listeners.ssl.1 = 127.0.0.1:{amqpsPort}\n")
                .Append(CultureInfo.InvariantCulture, $"ssl_options.cacertfile = {Path.Combine(directory, "ca.pem")}\n")
                .Append(CultureInfo.InvariantCulture, $"ssl_options.certfile = {Path.Combine(directory, "server.pem")}\n")
                .Append(CultureInfo.InvariantCulture, $"ssl_options.keyfile = {Path.Combine(directory, "server.key")}\n")
                .Append("ssl_options.verify = verify_none\n")
                .Append("ssl_options.fail_if_no_peer_cert = false\n");
        }

        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), config.ToString());
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), "");
        var environment = new Dictionary<string, string>
        {
            // The server and rabbitmqctl find the node's cookie in $HOME.
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "node.pid"),
        };
        return new PrivateRabbitNode(directory, nodeName, amqpPort, amqpsPort, environment);
    }

    private async Task WaitUntilRunningAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"{NodeName} exited ({_server.ExitCode}) while starting: {Output}");
            }

            // await_startup fails at once while the node has not registered with epmd yet, and waits once it has.
            var (exitCode, _) = await CommandLine.RunAsync(Path.Combine(Scripts, "rabbitmqctl"),
                ["-n", NodeName, "-q", "await_startup", "--timeout", "60"], CtlTimeout, _environment, deadline.Token);
            if (exitCode == 0)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{NodeName} did not start within {StartTimeout}: {Output}");
            }
        }
    }

    private void KillLeftovers()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
        }

        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var beam = Process.GetProcessById(pid);
                beam.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
