using IceFarm.Testing;

namespace IceFarm.Broker.Tests;

/// <summary>
/// Each service, as the process an operator starts, stops at once with a message naming the setting, rather than
/// connecting in plaintext, without verification, or not at all while it looks healthy.
/// </summary>
// Starts a private server (and processes): with the other heavy tests, one at a time after the parallel phase.
[Trait("Category", "Restarts")]
public sealed class A_service_with_a_broker_setting_it_cannot_honour
{
    // Nothing listens there: a service that got past its checks would keep retrying instead of exiting.
    private const string Unreachable = "amqps://icefarm:icefarm@127.0.0.1:1/icefarm";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("WorkerAgent", "ConnectionStrings__RabbitMq", "http://icefarm:icefarm@127.0.0.1:1/icefarm", "has the scheme 'http'")]
    [InlineData("WorkerAgent", "ConnectionStrings__RabbitMq", Unreachable + "?verify=verify_none", "query parameters")]
    [InlineData("ReservationService", "RabbitMq__Tls__AcceptAnyCertificate", "true", "RabbitMq:Tls:AcceptAnyCertificate is not a setting")]
    [InlineData("ReservationService", "ConnectionStrings__RabbitMq", "amqp://icefarm:icefarm@127.0.0.1:5671/icefarm", "write amqps://")]
    [InlineData("AdminApi", "RabbitMq__Tls__CaCertificate", "/nonexistent/icefarm-ca.pem", "/nonexistent/icefarm-ca.pem could not be read")]
    [InlineData("AdminApi", "ConnectionStrings__RabbitMq", "amqps2://icefarm:icefarm@127.0.0.1:1/icefarm", "has the scheme 'amqps2'")]
    // The worker reads RabbitMq:PasswordFile (the chart's per-node password); here the URI has a password as well.
    [InlineData("WorkerAgent", "RabbitMq__PasswordFile", "/nonexistent/icefarm-password", "RabbitMq:PasswordFile is set and ConnectionStrings:RabbitMq has a password too")]
    public async Task Refuses_to_start_and_says_why(string service, string setting, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings__RabbitMq"] = Unreachable,
            // Never the shared server: the checks come before any connection.
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=icefarm;Password=icefarm;Database=icefarm",
            ["Admin__Token"] = $"admin-{Guid.NewGuid():N}",
            ["Worker__Name"] = $"refused-{Guid.NewGuid():N}"[..20],
            ["Worker__SimulatedBoards"] = "1",
            [setting] = value,
        };

        await using var process = ServiceProcess.Start(service, environment);
        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{service} still runs after {Deadline} with {setting}={value}:\n{process.Output}");
            throw;
        }

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Bus started", process.Output, StringComparison.Ordinal);
    }
}
