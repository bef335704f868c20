using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;

namespace IceFarm.ReservationService.Tests.Reconciliation;

/// <summary>API.md: a reboot reflashes a reserved board and keeps it; the client hears <c>device-ready</c> when it is back.</summary>
public sealed class When_a_reserved_board_is_rebooted(ReconciliationClockHost service) : IClassFixture<ReconciliationClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task It_is_preparing_until_its_worker_reports_it_initialised_and_the_client_gets_device_ready_again_once()
    {
        await using var worker = await FakeWorker.StartAsync("reboot-worker", service.Services);
        const string serial = "7E0A50000001";
        await worker.HeartbeatAsync(new DeviceSummary(serial, DeviceState.Available, DeviceHealth.Good, null, null));
        var (http, clientId) = await service.NewClientAsync("rebooter");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using var cts = new CancellationTokenSource(Deadline);
        await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: [serial])).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            await worker.NextAsync<PrepareDevice>();
            var first = await NextAsync(stream, StreamEventTypes.DeviceReady);
            Assert.Equal("ready", await StateAsync(http, reservation.Id, serial));

            using (var reboot = await http.PostAsync($"api/v1/reservations/{reservation.Id}/devices/{serial}/reboot", null).WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.Accepted, reboot.StatusCode);
            }

            var command = await worker.NextAsync<RebootDevice>();
            Assert.Equal((serial, clientId), (command.Serial, command.RequestedBy));
            Assert.Equal("preparing", await StateAsync(http, reservation.Id, serial));

            // The worker reflashed the board and reports it initialised, as after its PrepareDevice.
            var back = new DeviceInitialized(reservation.Id, clientId, worker.Name, serial, TimeProvider.System.GetUtcNow());
            var bus = service.Services.GetRequiredService<IBus>();
            await bus.Publish(back).WaitAsync(Deadline);
            var again = await NextAsync(stream, StreamEventTypes.DeviceReady);
            Assert.Equal((reservation.Id, serial), (again.Data.GetProperty("reservationId").GetGuid(), again.Data.GetProperty("serial").GetString()));
            Assert.True(again.Id > first.Id);
            Assert.Equal("ready", await StateAsync(http, reservation.Id, serial));

            // A redelivery of that report, once handled, tells the client nothing more: its next event is the end of its reservation.
            var handled = new Consumed();
            using (bus.ConnectConsumeMessageObserver(handled))
            {
                await bus.Publish(back).WaitAsync(Deadline);
                await handled.Signal.Task.WaitAsync(Deadline);
            }

            using (var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            var rest = new List<string>();
            while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline) && stream.Current.Type != StreamEventTypes.ReservationEnded)
            {
                rest.Add(stream.Current.Type);
            }

            Assert.DoesNotContain(StreamEventTypes.DeviceReady, rest);
        }
    }

    /// <summary>Completes once the service has handled (or failed to handle) a DeviceInitialized.</summary>
    private sealed class Consumed : IConsumeMessageObserver<DeviceInitialized>
    {
        public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PreConsume(ConsumeContext<DeviceInitialized> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<DeviceInitialized> context)
        {
            Signal.TrySetResult();
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<DeviceInitialized> context, Exception exception)
        {
            Signal.TrySetException(exception);
            return Task.CompletedTask;
        }
    }

    private static async Task<string> StateAsync(HttpClient http, Guid reservationId, string serial)
    {
        var reservation = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservationId}").WaitAsync(Deadline);
        return reservation!.Devices.Single(d => d.Serial == serial).State;
    }

    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
