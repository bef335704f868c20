using System.Net.Http.Headers;
using System.Security.Authentication;
using IceFarm.Testing;
using MassTransit;

namespace IceFarm.Broker.Tests;

/// <summary>
/// <c>amqps://</c> against a real TLS listener (a private RabbitMQ node with a test CA's certificate): the connection is
/// encrypted and verified, and the same address without trusting the CA does not connect at all.
/// </summary>
// Starts a private server (and processes): with the other heavy tests, one at a time after the parallel phase.
[Trait("Category", "Restarts")]
public sealed class Over_a_TLS_broker : IClassFixture<TlsBrokerNode>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly TlsBrokerNode _broker;

    public Over_a_TLS_broker(TlsBrokerNode broker) => _broker = broker;

    [Fact]
    public async Task A_bus_with_amqps_and_the_test_CA_connects_over_TLS_and_a_message_round_trips()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var connection = BrokerConnection.Create(_broker.AmqpsUri, _broker.CaFile);
        var queue = $"tls-ping-{Guid.NewGuid():N}";
        var received = new TaskCompletionSource<TlsPing>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            connection.ConfigureHost(cfg);
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<TlsPing>(c =>
                {
                    received.TrySetResult(c.Message);
                    return Task.CompletedTask;
                });
            });
        });

        await bus.StartAsync(deadline.Token);
        try
        {
            var sent = new TlsPing(Guid.NewGuid(), "over TLS");
            // Published: the endpoint bound TlsPing's exchange to its queue (a send to queue:… would declare the queue durable).
            await bus.Publish(sent, deadline.Token);

            Assert.Equal(sent, await received.Task.WaitAsync(deadline.Token));
            var connections = await _broker.ConnectionsAreTlsAsync(deadline.Token);
            Assert.NotEmpty(connections);
            Assert.All(connections, Assert.True);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None).WaitAsync(Deadline, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_same_address_without_the_test_CA_is_refused_for_the_broker_s_certificate()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var connection = BrokerConnection.Create(_broker.AmqpsUri);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            connection.ConfigureHost(cfg);
            cfg.ReceiveEndpoint($"tls-refused-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<TlsPing>(_ => Task.CompletedTask);
            });
        });
        var faults = new EndpointFaults();
        using var observing = bus.ConnectReceiveEndpointObserver(faults);
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);

        // The bus keeps trying to connect until its start is cancelled: the first refused attempt is the answer.
        var start = bus.StartAsync(starting.Token);
        try
        {
            var first = await Task.WhenAny(faults.First, start).WaitAsync(deadline.Token);

            Assert.True(first == faults.First, "The bus started: the broker's certificate was accepted without the CA that signed it.");
            var fault = await faults.First;
            Assert.True(Chain(fault).OfType<AuthenticationException>().Any(), $"Not refused for its certificate: {fault}");
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
                // The start that could never connect, cancelled above: what this test expects of it.
            }

            await bus.StopAsync(CancellationToken.None).WaitAsync(Deadline, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Every_service_process_connects_over_TLS_with_the_CA_file_and_the_farm_works()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var database = await IsolatedPostgres.CreateAsync(await TestServers.GetAsync(), deadline.Token);
        await using var services = new TlsServices(_broker, database.ConnectionString);
        try
        {
            // The ReservationService and the AdminApi answer only once their bus is connected (WaitUntilStarted).
            await services.StartAsync("ReservationService", deadline.Token);
            var adminApi = await services.StartAsync("AdminApi", deadline.Token);
            await services.StartAsync("WorkerAgent", deadline.Token);
            using var admin = new HttpClient { BaseAddress = adminApi, Timeout = TimeSpan.FromSeconds(30) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", services.AdminToken);

            // The worker's heartbeat crossed the TLS broker to the ReservationService, which stored the board.
            var devices = await AdminDevices.WaitForAvailableAsync(admin, 1, TimeSpan.FromSeconds(90));

            Assert.Contains(devices, d => d.Worker == services.WorkerName);
            var connections = await _broker.ConnectionsAreTlsAsync(deadline.Token);
            Assert.True(connections.Count >= 3, $"{connections.Count} connections for three services");
            Assert.All(connections, Assert.True);
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{failure.Message}\n{services.Logs()}", failure);
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var next))
        {
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (next.InnerException is not null)
            {
                pending.Push(next.InnerException);
            }
        }
    }
}
