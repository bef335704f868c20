using System.Diagnostics;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace IceFarm.Testing;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ for tests are: the servers the build started (environment variables),
/// or containers when a Docker engine answers. Without either, tests fail with one message saying how to start them.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "ICEFARM_TEST_POSTGRES";
    public const string RabbitMqVariable = "ICEFARM_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "ICEFARM_TEST_RABBITMQ_MANAGEMENT";

    private static readonly Lazy<Task<ServerEndpoints>> Endpoints = new(ResolveAsync);

    public static Task<ServerEndpoints> GetAsync() => Endpoints.Value.WaitAsync(TimeSpan.FromMinutes(3));

    private static async Task<ServerEndpoints> ResolveAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbit = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var management = Environment.GetEnvironmentVariable(RabbitMqManagementVariable);
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(management))
        {
            return new ServerEndpoints(postgres, new Uri(rabbit), new Uri(management));
        }

        if (await DockerAnswersAsync())
        {
            return await StartContainersAsync();
        }

        throw new InvalidOperationException(
            $"No PostgreSQL/RabbitMQ for the tests: {PostgresVariable}, {RabbitMqVariable} and {RabbitMqManagementVariable} are not set " +
            "and no Docker engine answers. Run the tests with './build.sh --target=Test', which installs and starts local servers " +
            "(or run './build.sh --target=Infra' and set the three variables as docs/build-and-infra.md shows).");
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return false;
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await docker.WaitForExitAsync(deadline.Token);
            return docker.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<ServerEndpoints> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15").WithUsername("icefarm").WithPassword("icefarm").WithDatabase("icefarm").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management").WithUsername("icefarm").WithPassword("icefarm").WithPortBinding(15672, true).Build();
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
        var management = new UriBuilder("http", rabbit.Hostname, rabbit.GetMappedPublicPort(15672)) { UserName = "icefarm", Password = "icefarm" }.Uri;
        return new ServerEndpoints(postgres.GetConnectionString(), new Uri(rabbit.GetConnectionString()), management);
    }
}
