using IceFarm.Testing;
using MassTransit;
using RabbitMQ.Client.Exceptions;

namespace IceFarm.Broker.Tests;

/// <summary>
/// <c>RabbitMq:PasswordFile</c> against the real broker: the URI names the user only, and the login succeeds with the
/// file's password and is refused with another.
/// </summary>
public sealed class A_bus_with_a_password_file : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-broker-password-").FullName;

    [Fact]
    public async Task Logs_in_with_the_file_s_password_and_is_refused_with_another()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var vhost = await IsolatedRabbitVhost.CreateAsync(await TestServers.GetAsync(), deadline.Token);
        var userOnly = new UriBuilder(vhost.AmqpUri);
        var password = Uri.UnescapeDataString(userOnly.Password);
        userOnly.Password = string.Empty;
        var uri = userOnly.Uri.ToString();
        Assert.DoesNotContain(":" + password + "@", uri, StringComparison.Ordinal);

        using (var right = BrokerConnection.Create(new BrokerConnectionOptions { Uri = uri, PasswordFile = Write("right", password + "\n") }))
        {
            var bus = Bus.Factory.CreateUsingRabbitMq(right.ConfigureHost);
            await bus.StartAsync(deadline.Token);
            await bus.StopAsync(CancellationToken.None).WaitAsync(Deadline, CancellationToken.None);
        }

        using var wrong = BrokerConnection.Create(new BrokerConnectionOptions { Uri = uri, PasswordFile = Write("wrong", "not-" + password) });
        var refused = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            wrong.ConfigureHost(cfg);
            cfg.ReceiveEndpoint($"password-file-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<TlsPing>(_ => Task.CompletedTask);
            });
        });
        var faults = new EndpointFaults();
        using var observing = refused.ConnectReceiveEndpointObserver(faults);
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        // The bus keeps trying to log in until its start is cancelled: the first refused attempt is the answer.
        var start = refused.StartAsync(starting.Token);
        try
        {
            var first = await Task.WhenAny(faults.First, start).WaitAsync(deadline.Token);

            Assert.True(first == faults.First, "The bus started with a password that is not the user's.");
            var fault = await faults.First;
            Assert.True(Chain(fault).OfType<AuthenticationFailureException>().Any(), $"Not refused for its login: {fault}");
        }
        finally
        {
            await starting.CancelAsync();
            try
            {
                await start.WaitAsync(Deadline, CancellationToken.None);
            }
            catch (Exception ended) when (ended is OperationCanceledException or RabbitMqConnectionException)
            {
                // The start that could never log in, cancelled above: what this test expects of it.
            }

            await refused.StopAsync(CancellationToken.None).WaitAsync(Deadline, CancellationToken.None);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var file = Path.Combine(_directory, name);
        File.WriteAllText(file, content);
        return file;
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var next = error; next is not null; next = next.InnerException)
        {
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
