using System.Collections.Concurrent;
using IceFarm.Broker;
using IceFarm.Contracts;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using MassTransit;

namespace IceFarm.AdminApi.Tests;

/// <summary>
/// Receives a copy of every command sent to the ReservationService's admin queue: a queue of its own bound to that
/// queue's exchange, so it sees what the admin API sent whether or not the service consumes it yet.
/// </summary>
internal sealed class AdminCommandProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<IMessage> _received = new();
    private readonly IBusControl _bus;

    private AdminCommandProbe(IBusControl bus) => _bus = bus;

    public IReadOnlyCollection<IMessage> Received => _received;

    public static async Task<AdminCommandProbe> StartAsync(Uri amqp)
    {
        var address = RabbitMqAddress.Parse(amqp.ToString());
        AdminCommandProbe? probe = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            rabbit.ReceiveEndpoint($"admin-probe-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.ConfigureConsumeTopology = false;
                e.Bind(AdminQueues.ReservationService);
                e.Handler<EndReservationByAdmin>(c => Record(probe!, c.Message));
                e.Handler<ExtendReservationByAdmin>(c => Record(probe!, c.Message));
                e.Handler<RebootDeviceByAdmin>(c => Record(probe!, c.Message));
                e.Handler<ForgetDeviceByAdmin>(c => Record(probe!, c.Message));
                e.Handler<DrainWorker>(c => Record(probe!, c.Message));
                e.Handler<StartWorkerMaintenance>(c => Record(probe!, c.Message));
                e.Handler<ReturnWorkerToService>(c => Record(probe!, c.Message));
                e.Handler<HoldDeviceByAdmin>(c => Record(probe!, c.Message));
                e.Handler<ReturnDeviceToServiceByAdmin>(c => Record(probe!, c.Message));
            });
        });
        probe = new AdminCommandProbe(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return probe;
    }

    /// <summary>Waits for the first received command of type <typeparamref name="T"/> that matches.</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> match, string what)
        where T : class, IMessage =>
        Testing.Eventually.WaitForAsync(_ => Task.FromResult(_received.OfType<T>().FirstOrDefault(match)), TimeSpan.FromSeconds(30), what);

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None);

    private static Task Record(AdminCommandProbe probe, IMessage message)
    {
        probe._received.Enqueue(message);
        return Task.CompletedTask;
    }
}
