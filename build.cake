// IceFarm build script (Cake 7). Run it through ./build.sh, e.g. `./build.sh --target=Test`.
// Targets: Build (default), Infra, Test, Pack, Bench, Demo, Images. See docs/build-and-infra.md
// and docs/deploy.md (Images).

using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Xml.Linq;

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
// A single test running longer than this is killed and counted as failed, so a
// hang shows up as a failure instead of eating CI's time limit.
var testHangTimeout = Argument("test-hang-timeout", "10m");

var root = MakeAbsolute(Directory("."));
var solution = root.CombineWithFilePath("IceFarm.slnx");
var artifacts = root.Combine("artifacts");
var testResultsDir = artifacts.Combine("test-results");
var packagesDir = artifacts.Combine("packages");
var demoLogsDir = artifacts.Combine("demo/logs");

// The local servers that eng/infra/ensure-infra.sh sets up (user icefarm, password icefarm).
var localPostgres = "Host=127.0.0.1;Port=5432;Username=icefarm;Password=icefarm;Database=icefarm";
var localRabbitMqForTests = "amqp://icefarm:icefarm@127.0.0.1:5672/";
var localRabbitMqManagementForTests = "http://icefarm:icefarm@127.0.0.1:15672/";
var localRabbitMqForServices = "amqp://icefarm:icefarm@127.0.0.1:5672/icefarm";   // vhost icefarm
const string demoWorkerName = "demo-worker-1";

// MassTransit phones home unless told not to; set here so every child process inherits it.
System.Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");

// Set by the Infra target: true when local servers were ensured (no Docker engine).
var localServersReady = false;
// Set by the Test target; printed after Cake's task summary so that it is the last line.
string testSummaryLine = null;

//////////////////////////////////////////////////////////////////////
// Targets
//////////////////////////////////////////////////////////////////////

Task("Build")
    .Description("dotnet build IceFarm.slnx")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Infra")
    .Description("Ensures local PostgreSQL and RabbitMQ (eng/infra/ensure-infra.sh), unless a Docker engine answers")
    .Does(() =>
{
    if (DockerEngineAnswers())
    {
        Information("A Docker engine answers: tests will start their own servers with Testcontainers; nothing to do.");
        return;
    }
    EnsureLocalServers();
});

Task("Browser")
    .Description("Ensures Debian's chromium for the panel's browser tests (eng/infra/ensure-chromium.sh); also with a Docker engine")
    .Does(() => RunInfraScript("eng/infra/ensure-chromium.sh"));

// Tests that stop, kill and restart real processes and servers (phase 2 of Test).
var HeavyCategories = new[] { "Faults", "Restarts" };

Task("Test")
    .Description("Runs every test; prints 'Test: N passed, N failed, N skipped'")
    .IsDependentOn("Build")
    .IsDependentOn("Infra")
    .IsDependentOn("Browser")
    .Does(() =>
{
    CheckHelmChart();
    CleanDirectory(testResultsDir);   // only this run's TRX files are counted
    DotNetTestSettings Settings(string filter, bool serialCollections) => new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        ResultsDirectory = testResultsDir,
        Loggers = new List<string> { "trx", "console;verbosity=normal" },
        EnvironmentVariables = TestEnvironment(),
        Filter = filter,
        ArgumentCustomization = args =>
        {
            args = args
                .Append("--blame-hang-timeout").Append(testHangTimeout)
                .Append("--blame-hang-dump-type").Append("none");
            return serialCollections ? args.Append("--").Append("xUnit.ParallelizeTestCollections=false") : args;
        },
    };

    // dotnet test fails on a failing test; count the results before failing the target.
    Exception runFailure = null;
    void Run(string project, DotNetTestSettings settings)
    {
        try
        {
            DotNetTest(project, settings);
        }
        catch (Exception e)
        {
            runFailure ??= e;
        }
    }

    // Phase 1: every test assembly at once, without the tests that stop, kill and restart real processes and servers.
    // The fault matrix runs in --target=Faults (docs/faults.md).
    Run(solution.FullPath, Settings($"Category!=FaultMatrix&Category!={HeavyCategories[0]}&Category!={HeavyCategories[1]}", serialCollections: false));
    // Phase 2: those tests one at a time, on a machine nothing else loads: on 2 cores, broker and worker restarts beside
    // four other test assemblies stretched recoveries past their deadlines (docs/build-and-infra.md).
    foreach (var project in GetFiles(root.FullPath + "/tests/**/*.Tests.csproj").OrderBy(p => p.FullPath))
        Run(project.FullPath, Settings($"Category={HeavyCategories[0]}|Category={HeavyCategories[1]}", serialCollections: true));

    var totals = ReadTrxTotals(testResultsDir);
    PrintFailedTests(totals);
    Information("Test results: {0} TRX file(s) in {1}", totals.Files, testResultsDir);
    testSummaryLine = $"Test: {totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped";
    Information(testSummaryLine);

    if (totals.Failed > 0)
        throw new CakeException($"{totals.Failed} test(s) failed.");
    if (runFailure != null)
        throw new CakeException($"dotnet test failed without a failing test result (build, test host or adapter problem): {runFailure.Message}");
    if (totals.Passed + totals.Failed + totals.Skipped == 0)
        throw new CakeException("No test ran.");
});

Task("Pack")
    .Description("NuGet packages of Contracts and ClientSdk, and the icefarm dotnet tool (IceFarm.Cli), into artifacts/packages")
    .Does(() =>
{
    CleanDirectory(packagesDir);
    foreach (var project in new[] { "src/Contracts/Contracts.csproj", "src/ClientSdk/ClientSdk.csproj", "src/ClientSdk/Cli/Cli.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings
        {
            Configuration = configuration,
            OutputDirectory = packagesDir,
        });
    }
    foreach (var package in GetFiles(packagesDir.FullPath + "/*.nupkg"))
        Information("Package: {0}", package);
});

Task("Bench")
    .Description("Runs bench/Bench.csproj when it exists (against the same servers as the tests)")
    .IsDependentOn("Infra")
    .Does(() =>
{
    var project = root.CombineWithFilePath("bench/Bench.csproj");
    if (!FileExists(project))
    {
        Information("There is no benchmark project yet (bench/Bench.csproj).");
        return;
    }
    DotNetRun(project.FullPath, new DotNetRunSettings
    {
        Configuration = configuration,
        EnvironmentVariables = TestEnvironment(),
        ArgumentCustomization = args => args.Append("--").Append(Argument("bench-args", "")),
    });
});

Task("Faults")
    .Description("Runs the fault matrix (tests/Faults.Tests, docs/faults.md) --fault-runs times and prints its table")
    .IsDependentOn("Build")
    .IsDependentOn("Infra")
    .Does(() =>
{
    var tableDir = artifacts.Combine("faults");
    CleanDirectory(tableDir);
    var env = TestEnvironment();
    env["ICEFARM_FAULTS_RUNS"] = Argument("fault-runs", "1");
    env["ICEFARM_FAULTS_TABLE_DIR"] = MakeAbsolute(tableDir).FullPath;
    var only = Argument("fault-only", "");
    if (only != "")
        env["ICEFARM_FAULTS_ONLY"] = only;
    Exception failure = null;
    try
    {
        DotNetTest(root.CombineWithFilePath("tests/Faults.Tests/Faults.Tests.csproj").FullPath, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            Filter = "Category=FaultMatrix",
            Loggers = new List<string> { "console;verbosity=normal" },
            EnvironmentVariables = env,
        });
    }
    catch (Exception e)
    {
        failure = e;
    }
    var table = tableDir.CombineWithFilePath("faults.md");
    if (FileExists(table))
        Information(System.IO.File.ReadAllText(table.FullPath));
    if (failure != null)
        throw new CakeException("Fault matrix: at least one scenario failed (table above, details in the test output).");
});

Task("Demo")
    .Description("Starts the farm (three services, simulated boards) and runs the sample client")
    .IsDependentOn("Build")
    .IsDependentOn("Infra")
    .Does(() =>
{
    // The services connect to fixed local ports, so even where a Docker engine
    // made Infra skip the local servers, the demo needs them.
    if (!localServersReady)
    {
        Information("The demo uses servers on the fixed local ports; ensuring them.");
        EnsureLocalServers();
    }
    RunDemo();
});

Task("Images")
    .Description("Builds the three service images, tagged by eng/image-tag.sh, when a Docker engine answers")
    .Does(() =>
{
    if (!DockerEngineAnswers())
    {
        Warning("Images: SKIPPED: no Docker engine answers ('docker info' failed), so no image was built.");
        return;
    }
    var tag = ImageTag(Argument("branch", ""));
    var registry = Argument("image-registry", "").TrimEnd('/');
    foreach (var image in ServiceImages)
    {
        var name = $"{(registry.Length > 0 ? registry + "/" : "")}{image.Repository}:{tag}";
        Information("Building {0} from {1}", name, image.Dockerfile);
        // The context is the repository root: the Dockerfiles copy the central build files.
        var exitCode = StartProcess("docker", new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder()
                .Append("build")
                .Append("--file").AppendQuoted(image.Dockerfile)
                .Append("--tag").AppendQuoted(name)
                .Append("--label").AppendQuoted($"org.opencontainers.image.version={tag}")
                .Append("."),
            WorkingDirectory = root,
        });
        if (exitCode != 0)
            throw new CakeException($"docker build of {name} failed (exit code {exitCode}).");
        Information("Built {0}", name);
    }
});

//////////////////////////////////////////////////////////////////////
// Images and chart helpers
//////////////////////////////////////////////////////////////////////

// The three images; the repositories are the chart's defaults (helm/icefarm/values.yaml).
(string Repository, string Dockerfile)[] ServiceImages =
{
    ("icefarm/reservation-service", "src/ReservationService/Dockerfile"),
    ("icefarm/admin-api", "src/AdminApi/Dockerfile"),
    ("icefarm/worker-agent", "src/WorkerAgent/Dockerfile"),
};

// X.Y.Z from main, X.Y.Z-dev from development, X.Y.Z-<branch> otherwise (eng/image-tag.sh);
// the branch is git's current one unless --branch names it.
string ImageTag(string branch)
{
    var arguments = new ProcessArgumentBuilder().AppendQuoted(root.CombineWithFilePath("eng/image-tag.sh").FullPath);
    if (!string.IsNullOrEmpty(branch))
        arguments.AppendQuoted(branch);
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = root,
        RedirectStandardOutput = true,
    }, out var output);
    var tag = output.FirstOrDefault()?.Trim();
    if (exitCode != 0 || string.IsNullOrEmpty(tag))
        throw new CakeException($"eng/image-tag.sh failed (exit code {exitCode}); see its message above.");
    Information("Image tag: {0}", tag);
    return tag;
}

bool HelmOnPath()
{
    try
    {
        return StartProcess("helm", new ProcessSettings
        {
            Arguments = "version --short",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Silent = true,
            Timeout = 20_000,
        }) == 0;
    }
    catch (Exception)
    {
        return false;   // no helm binary
    }
}

// helm lint and helm template of helm/icefarm, with the default values and with every file in
// helm/icefarm/ci/; the rendered manifests go to artifacts/helm/. Without helm, says so and
// goes on (tests/Deployment.Tests checks the schema and the values paths either way).
void CheckHelmChart()
{
    if (!HelmOnPath())
    {
        Warning("helm lint / helm template: SKIPPED: helm is not on PATH. tests/Deployment.Tests still checks values.yaml against values.schema.json and the templates' .Values paths.");
        return;
    }
    var chart = root.Combine("helm/icefarm");
    var rendered = artifacts.Combine("helm");
    CleanDirectory(rendered);
    var valueSets = new List<FilePath> { null };
    valueSets.AddRange(GetFiles(chart.FullPath + "/ci/*-values.yaml").OrderBy(f => f.FullPath));
    foreach (var values in valueSets)
    {
        var label = values == null ? "default values" : values.GetFilename().FullPath;
        foreach (var command in new[] { "lint", "template" })
        {
            var arguments = new ProcessArgumentBuilder().Append(command);
            if (command == "template")
                arguments.Append("icefarm");
            arguments.AppendQuoted(chart.FullPath);
            if (values != null)
                arguments.Append("--values").AppendQuoted(values.FullPath);
            var exitCode = StartProcess("helm", new ProcessSettings
            {
                Arguments = arguments,
                WorkingDirectory = root,
                RedirectStandardOutput = command == "template",
            }, out var output);
            if (exitCode != 0)
                throw new CakeException($"helm {command} helm/icefarm ({label}) failed (exit code {exitCode}); see its message above.");
            if (command == "template")
            {
                var file = rendered.CombineWithFilePath((values == null ? "default" : values.GetFilenameWithoutExtension().FullPath) + ".yaml");
                System.IO.File.WriteAllLines(file.FullPath, output);
                Information("helm template ({0}): {1}", label, file);
            }
            else
            {
                Information("helm lint ({0}): passed", label);
            }
        }
    }
}

//////////////////////////////////////////////////////////////////////
// Infra helpers
//////////////////////////////////////////////////////////////////////

bool DockerEngineAnswers()
{
    try
    {
        var exitCode = StartProcess("docker", new ProcessSettings
        {
            Arguments = "info",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Silent = true,
            Timeout = 20_000,
        });
        return exitCode == 0;
    }
    catch (Exception)
    {
        return false;   // no docker client at all, or it hung
    }
}

void EnsureLocalServers()
{
    RunInfraScript("eng/infra/ensure-infra.sh");
    localServersReady = true;
}

void RunInfraScript(string script)
{
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(root.CombineWithFilePath(script).FullPath),
        WorkingDirectory = root,
    });
    if (exitCode != 0)
        throw new CakeException($"{script} failed (exit code {exitCode}); see its message above.");
}

//////////////////////////////////////////////////////////////////////
// Test helpers
//////////////////////////////////////////////////////////////////////

// Connection settings for the test process. A value the caller set wins, so
// tests can be pointed at other servers.
Dictionary<string, string> TestEnvironment()
{
    var env = new Dictionary<string, string>();
    if (!localServersReady)
        return env;   // Docker engine: Testcontainers, or whatever the caller set
    void Default(string name, string value)
    {
        if (string.IsNullOrEmpty(EnvironmentVariable(name)))
            env[name] = value;
    }
    Default("ICEFARM_TEST_POSTGRES", localPostgres);
    Default("ICEFARM_TEST_RABBITMQ", localRabbitMqForTests);
    Default("ICEFARM_TEST_RABBITMQ_MANAGEMENT", localRabbitMqManagementForTests);
    return env;
}

class TestTotals
{
    public int Files, Passed, Failed, Skipped;
    public List<string> FailedNames = new List<string>();
}

// Sums the UnitTestResult outcomes of every TRX file under the directory.
// Skipped tests are "NotExecuted"; errors, timeouts and aborts count as failed.
// A run whose test host crashed or hung (killed by --blame-hang-timeout) has
// no result for the test that was running, only a failed summary: it counts
// as one failed test, so that it cannot pass unnoticed.
TestTotals ReadTrxTotals(DirectoryPath directory)
{
    var totals = new TestTotals();
    foreach (var file in GetFiles(directory.FullPath + "/**/*.trx"))
    {
        totals.Files++;
        var doc = XDocument.Load(file.FullPath);
        var failedBefore = totals.Failed;
        foreach (var result in doc.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            var outcome = (string)result.Attribute("outcome") ?? "";
            switch (outcome)
            {
                case "Passed":
                    totals.Passed++;
                    break;
                case "NotExecuted":
                case "Inconclusive":
                case "Pending":
                    totals.Skipped++;
                    break;
                default:
                    totals.Failed++;
                    // The message's first lines, so that a CI log that keeps only its tail still says why.
                    var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
                    var firstLines = string.Join(" | ", message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(4));
                    if (firstLines.Length > 600)
                        firstLines = firstLines.Substring(0, 600) + "…";
                    totals.FailedNames.Add($"{(string)result.Attribute("testName")} ({outcome}): {firstLines}");
                    break;
            }
        }

        var summary = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "ResultSummary");
        var runOutcome = (string)summary?.Attribute("outcome") ?? "";
        var runOk = runOutcome is "Completed" or "Passed" or "Warning" or "";
        if (!runOk && totals.Failed == failedBefore)
        {
            var assembly = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "UnitTest")?.Attribute("storage")?.Value;
            var why = summary.Descendants().Where(e => e.Name.LocalName == "RunInfo" && (string)e.Attribute("outcome") == "Error")
                .Select(e => e.Value.Trim()).FirstOrDefault() ?? $"run outcome {runOutcome}";
            totals.Failed++;
            totals.FailedNames.Add($"{System.IO.Path.GetFileName(assembly ?? file.FullPath)}: test run did not complete: {why}");
        }
    }
    return totals;
}

void PrintFailedTests(TestTotals totals)
{
    if (totals.FailedNames.Count == 0)
        return;
    Error("Failed tests:");
    foreach (var name in totals.FailedNames)
        Error("  " + name);
}

//////////////////////////////////////////////////////////////////////
// Demo
//////////////////////////////////////////////////////////////////////

// One process started by the Demo target. Its stdout and stderr go to a log
// file (and to the console when echo is set); the last lines are kept for
// error messages.
class DemoProcess
{
    private readonly Queue<string> tail = new Queue<string>();
    private readonly StreamWriter log;
    private readonly bool echo;
    private bool closed;

    public string Name { get; }
    public string LogPath { get; }
    public Process Process { get; }

    public DemoProcess(string name, string logPath, ProcessStartInfo startInfo, bool echo)
    {
        Name = name;
        LogPath = logPath;
        this.echo = echo;
        log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        Process = new Process { StartInfo = startInfo };
        Process.OutputDataReceived += (_, e) => Write(e.Data);
        Process.ErrorDataReceived += (_, e) => Write(e.Data);
        Process.Start();
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    private void Write(string line)
    {
        if (line == null)
            return;
        lock (tail)
        {
            if (closed)
                return;
            log.WriteLine(line);
            if (echo)
                Console.WriteLine(line);
            tail.Enqueue(line);
            while (tail.Count > 40)
                tail.Dequeue();
        }
    }

    public string[] Tail()
    {
        lock (tail)
            return tail.ToArray();
    }

    public bool HasExited => Process.HasExited;

    // SIGTERM first (ASP.NET Core hosts shut down cleanly on it), then kill
    // the whole process tree if it is still there after the grace period.
    public void Stop(TimeSpan grace)
    {
        try
        {
            if (!Process.HasExited)
            {
                using (var kill = Process.Start(new ProcessStartInfo("kill", $"-TERM {Process.Id}") { UseShellExecute = false }))
                    kill?.WaitForExit();
                if (!Process.WaitForExit((int)grace.TotalMilliseconds))
                    Process.Kill(entireProcessTree: true);
            }
            Process.WaitForExit();   // also drains the output events
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        lock (tail)
        {
            closed = true;
            log.Dispose();
        }
    }
}

class DemoService
{
    public string Name;        // also the project folder under src/
    public string Assembly;
    public int Port;
    public Dictionary<string, string> Environment;
}

void RunDemo()
{
    var adminToken = EnvironmentVariable("ICEFARM_ADMIN_TOKEN");
    if (string.IsNullOrEmpty(adminToken))
        adminToken = NewToken();

    var services = DemoServices(adminToken, DemoWorkerBrokerUri());
    CheckDemoCanStart(services);
    EnsureDirectoryExists(demoLogsDir);
    Information("Service logs: {0}/<service>.log", demoLogsDir);

    // Ctrl+C and SIGTERM end the demo; the finally block below stops what we started.
    var stop = new CancellationTokenSource();
    using var onSigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
    using var onSigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });

    var started = new List<DemoProcess>();
    try
    {
        foreach (var service in services)
            started.Add(StartService(service));
        WaitForHealth(services, started, TimeSpan.FromSeconds(60), stop.Token);
        if (stop.IsCancellationRequested)
            return;

        var clientToken = CreateDemoClient(adminToken, stop.Token);
        // Both examples run against the simulated boards; either failing fails the demo.
        foreach (var example in DemoExamples)
        {
            if (!RunExample(example, clientToken, started, stop.Token))
                return;
        }

        PrintDemoInfo(adminToken, clientToken);
        if (EnvironmentVariable("ICEFARM_DEMO_EXIT") == "1")
        {
            Information("ICEFARM_DEMO_EXIT=1: stopping the farm now.");
            return;
        }
        Information("The farm keeps running; press Ctrl+C to stop it.");
        WaitUntilStopped(started, stop.Token);
    }
    finally
    {
        Information("Stopping the demo processes...");
        foreach (var process in Enumerable.Reverse(started))
            process.Stop(TimeSpan.FromSeconds(10));
        Information("Demo stopped. Logs: {0}", demoLogsDir);
    }
}

// The demo worker connects as its own least-privilege broker user, made by the operators' script, as in production:
// the ReservationService believes a worker's reports only from that worker's user (docs/security.md).
string DemoWorkerBrokerUri()
{
    var password = NewToken();
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(root.CombineWithFilePath("eng/broker-users.sh").FullPath).Append("worker").Append(demoWorkerName),
        WorkingDirectory = root,
        EnvironmentVariables = new Dictionary<string, string> { ["BROKER_USER_PASSWORD"] = password, ["BROKER_VHOST"] = "icefarm" },
    });
    if (exitCode != 0)
        throw new CakeException($"eng/broker-users.sh worker {demoWorkerName} failed (exit code {exitCode}); see its message above.");
    return $"amqp://worker-{demoWorkerName}:{password}@127.0.0.1:5672/icefarm";
}

List<DemoService> DemoServices(string adminToken, string workerBrokerUri)
{
    Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
    return new List<DemoService>
    {
        new DemoService
        {
            Name = "ReservationService", Assembly = "IceFarm.ReservationService.dll", Port = 8080,
            Environment = Env(
                ("ConnectionStrings__Postgres", localPostgres),
                ("ConnectionStrings__RabbitMq", localRabbitMqForServices)),
        },
        new DemoService
        {
            Name = "AdminApi", Assembly = "IceFarm.AdminApi.dll", Port = 8090,
            Environment = Env(
                ("ConnectionStrings__Postgres", localPostgres),
                ("ConnectionStrings__RabbitMq", localRabbitMqForServices),
                ("ICEFARM_ADMIN_TOKEN", adminToken),
                ("AdminApi__RabbitMqManagementUrl", "http://localhost:15672/")),
        },
        new DemoService
        {
            Name = "WorkerAgent", Assembly = "IceFarm.WorkerAgent.dll", Port = 8081,
            Environment = Env(
                ("ConnectionStrings__RabbitMq", workerBrokerUri),
                ("Worker__Name", demoWorkerName),
                ("Worker__SimulatedBoards", "4")),
        },
    };
}

FilePath ServiceDll(DemoService service) =>
    root.CombineWithFilePath($"src/{service.Name}/bin/{configuration}/net10.0/{service.Assembly}");

// Fails early and clearly instead of letting a service die on a busy port
// (or, worse, answering health checks from an old demo still running).
void CheckDemoCanStart(List<DemoService> services)
{
    foreach (var service in services)
    {
        if (!FileExists(ServiceDll(service)))
            throw new CakeException($"{ServiceDll(service)} does not exist; did the Build target build {service.Name}?");
        if (PortInUse(service.Port))
            throw new CakeException($"Port {service.Port} ({service.Name}) is already in use. Is another demo still running? (ss -ltnp 'sport = :{service.Port}' shows who holds it)");
    }
}

bool PortInUse(int port)
{
    try
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        return true;
    }
    catch (SocketException)
    {
        return false;
    }
}

DemoProcess StartService(DemoService service)
{
    var dll = ServiceDll(service);
    var startInfo = new ProcessStartInfo("dotnet")
    {
        // The content root (appsettings.json) is the working directory.
        WorkingDirectory = dll.GetDirectory().FullPath,
    };
    startInfo.ArgumentList.Add(dll.FullPath);
    startInfo.ArgumentList.Add("--urls");
    startInfo.ArgumentList.Add($"http://127.0.0.1:{service.Port}");
    foreach (var pair in service.Environment)
        startInfo.Environment[pair.Key] = pair.Value;
    var logPath = demoLogsDir.CombineWithFilePath($"{service.Name}.log").FullPath;
    var process = new DemoProcess(service.Name, logPath, startInfo, echo: false);
    Information("Started {0} (pid {1}) on http://127.0.0.1:{2}/", service.Name, process.Process.Id, service.Port);
    return process;
}

// Polls GET /healthz of every service until all answer 200, one deadline for all.
void WaitForHealth(List<DemoService> services, List<DemoProcess> processes, TimeSpan timeout, CancellationToken stop)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow + timeout;
    var pending = Enumerable.Range(0, services.Count).ToList();
    while (pending.Count > 0 && !stop.IsCancellationRequested)
    {
        foreach (var i in pending.ToList())
        {
            if (processes[i].HasExited)
                FailDemo(processes[i], $"{services[i].Name} exited (code {processes[i].Process.ExitCode}) before answering /healthz.");
            if (Healthy(http, services[i].Port))
            {
                Information("{0} is healthy.", services[i].Name);
                pending.Remove(i);
            }
        }
        if (pending.Count > 0 && DateTime.UtcNow > deadline)
            FailDemo(processes[pending[0]], $"{services[pending[0]].Name} did not answer GET http://127.0.0.1:{services[pending[0]].Port}/healthz with 200 within {timeout.TotalSeconds:0} s.");
        stop.WaitHandle.WaitOne(500);
    }
}

bool Healthy(HttpClient http, int port)
{
    try
    {
        using var response = http.GetAsync($"http://127.0.0.1:{port}/healthz").GetAwaiter().GetResult();
        return response.StatusCode == HttpStatusCode.OK;
    }
    catch (Exception)
    {
        return false;
    }
}

void FailDemo(DemoProcess process, string message)
{
    Error("{0} Last lines of {1}:", message, process.LogPath);
    foreach (var line in process.Tail().TakeLast(30))
        Error("  | {0}", line);
    throw new CakeException(message);
}

// POST /api/admin/clients {"name":"demo"} -> {"clientId","token"}. Retries
// for a while on connection errors and 5xx (a service may still be warming up).
string CreateDemoClient(string adminToken, CancellationToken stop)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    var deadline = DateTime.UtcNow.AddSeconds(30);
    var name = "demo";
    while (true)
    {
        string problem;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:8090/api/admin/clients")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { name }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var response = http.Send(request, stop);
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(body);
                var clientId = json.RootElement.TryGetProperty("clientId", out var id) ? id.ToString() : "?";
                Information("Created demo client '{0}' (clientId {1}).", name, clientId);
                return json.RootElement.GetProperty("token").GetString();
            }
            problem = $"HTTP {(int)response.StatusCode}: {body}";
            if (response.StatusCode == HttpStatusCode.Conflict && name == "demo")
            {
                // A client named "demo" survives from an earlier run in the database.
                name = $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}";
                continue;
            }
            if ((int)response.StatusCode < 500)
                throw new CakeException($"Creating the demo client failed: {problem}");
        }
        catch (HttpRequestException e)
        {
            problem = e.Message;
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            problem = "timed out";
        }
        if (DateTime.UtcNow > deadline)
            throw new CakeException($"Creating the demo client failed: {problem} (AdminApi log: {demoLogsDir}/AdminApi.log)");
        stop.ThrowIfCancellationRequested();
        Thread.Sleep(1000);
    }
}

// The sample clients the demo runs, in order (folders under examples/).
var DemoExamples = new[] { "PulseCountDemo", "VarianceDemo" };

// Runs one sample client; returns false when the demo was interrupted.
bool RunExample(string name, string clientToken, List<DemoProcess> started, CancellationToken stop)
{
    var project = root.CombineWithFilePath($"examples/{name}/{name}.csproj");
    if (!FileExists(project))
    {
        Warning("Skipping the sample client: {0} does not exist yet.", project);
        return true;
    }
    Information("Running the sample client (examples/{0})...", name);
    var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = root.FullPath };
    foreach (var arg in new[] { "run", "-c", configuration, "--project", project.FullPath })
        startInfo.ArgumentList.Add(arg);
    startInfo.Environment["ICEFARM_URL"] = "http://127.0.0.1:8080";
    startInfo.Environment["ICEFARM_TOKEN"] = clientToken;
    var example = new DemoProcess(name, demoLogsDir.CombineWithFilePath($"{name}.log").FullPath, startInfo, echo: true);
    started.Add(example);   // so that an interrupted run is stopped too

    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (!example.HasExited)
    {
        if (stop.IsCancellationRequested)
            return false;
        if (DateTime.UtcNow > deadline)
            FailDemo(example, "The sample client did not finish within 10 minutes.");
        example.Process.WaitForExit(500);
    }
    example.Process.WaitForExit();   // drain its output
    if (example.Process.ExitCode != 0)
        throw new CakeException($"The sample client {name} failed (exit code {example.Process.ExitCode}). Service logs: {demoLogsDir}");
    Information("The sample client {0} finished successfully.", name);
    return true;
}

void PrintDemoInfo(string adminToken, string clientToken)
{
    Information("");
    Information("IceFarm demo is running:");
    Information("  Admin panel:          http://localhost:8090/");
    Information("  Client API:           http://localhost:8080/");
    Information("  Worker health:        http://localhost:8081/healthz");
    Information("  RabbitMQ management:  http://localhost:15672/  (user icefarm / icefarm)");
    Information("  Admin token:          {0}", adminToken);
    Information("  Demo client token:    {0}", clientToken);
    Information("  Service logs:         {0}", demoLogsDir);
    Information("");
}

// Blocks until Ctrl+C/SIGTERM; a service dying on its own ends the demo as a failure.
void WaitUntilStopped(List<DemoProcess> processes, CancellationToken stop)
{
    while (!stop.WaitHandle.WaitOne(1000))
    {
        var dead = processes.FirstOrDefault(p => !DemoExamples.Contains(p.Name) && p.HasExited);
        if (dead != null)
            FailDemo(dead, $"{dead.Name} exited unexpectedly (code {dead.Process.ExitCode}).");
    }
    Information("Stop requested.");
}

// 32 random bytes, base64url without padding.
string NewToken() =>
    Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

//////////////////////////////////////////////////////////////////////
// Run
//////////////////////////////////////////////////////////////////////

try
{
    RunTarget(target);
}
finally
{
    // CI reads this line; Cake prints its task summary after the targets ran,
    // so repeat it here to make it the last line of the output.
    if (testSummaryLine != null)
        Console.WriteLine(testSummaryLine);
}
