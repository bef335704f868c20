using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Tests.Queue;
using IceFarm.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Health;

/// <summary>
/// Boards an operator takes out of service (maintenance, retired) or that fail their health checks twice in a row are never
/// allocated, until an operator returns them; every change is on the device stream with who and why. The test plays the
/// worker and the AdminApi on the bus.
/// </summary>
public sealed class When_boards_are_held_out_of_service(StrictQueueHost service) : IClassFixture<StrictQueueHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Maintenance_and_retired_boards_are_not_allocated_until_returned_and_retired_ones_are_not_capacity()
    {
        var serials = await service.AnnounceWorkerAsync("hold-worker", 3);
        await SendAsync(new HoldDeviceByAdmin(serials[0], DeviceHold.Maintenance, "alice", "fan noise"));
        await SendAsync(new HoldDeviceByAdmin(serials[1], DeviceHold.Retired, "bob", "cracked connector"));
        await ViewAsync(serials[0], d => d.Hold == DeviceHold.Maintenance && d.Health == DeviceHealth.Maintenance);
        await ViewAsync(serials[1], d => d.Hold == DeviceHold.Retired && d.Health == DeviceHealth.Retired);

        var (client, _) = await service.NewClientAsync("holder");
        using (client)
        {
            // Retired boards are not capacity: three can never be granted, so the request is refused at once, not queued.
            using (var impossible = await ReserveAsync(client, 3, "PT10M"))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, impossible.StatusCode);
                Assert.Contains("1 more are retired", await impossible.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // The board in maintenance still counts, but is not allocated: two are refused now, one gets the healthy board.
            using (var two = await ReserveAsync(client, 2, null))
            {
                Assert.Equal(HttpStatusCode.Conflict, two.StatusCode);
            }

            var availability = await client.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount");
            Assert.Equal(1, availability!.Available);
            var one = await GrantedAsync(ReserveAsync(client, 1, null));
            Assert.Equal(serials[2], one.Devices.Single().Serial);

            await SendAsync(new ReturnDeviceToServiceByAdmin(serials[0], "carol", "fan replaced"));
            await ViewAsync(serials[0], d => d.Hold is null && d.Health == DeviceHealth.Good);
            var again = await GrantedAsync(ReserveAsync(client, 1, null));
            Assert.Equal(serials[0], again.Devices.Single().Serial);
        }

        var history = await EventsAsync(serials[0]);
        var held = Assert.Single(history.OfType<DeviceHeld>());
        Assert.Equal(("alice", "fan noise", DeviceHold.Maintenance), (held.By, held.Reason, held.Hold));
        var returned = Assert.Single(history.OfType<DeviceReturnedToService>());
        Assert.Equal(("carol", "fan replaced"), (returned.By, returned.Reason));
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_failed_health_checks_in_a_row_hold_a_board_as_bad_until_an_operator_returns_it()
    {
        var serial = (await service.AnnounceWorkerAsync("checked-worker", 1, kind: "variance")).Single();
        // Failures separated by a pass do not add up.
        await CheckAsync(serial, passed: false);
        await CheckAsync(serial, passed: true);
        await CheckAsync(serial, passed: false);
        await Eventually.WaitForAsync(async ct => (await EventsAsync(serial, ct)).OfType<DeviceHealthCheckRecorded>().Count() == 3 ? "recorded" : null,
            Deadline, "three checks recorded");
        var (client, _) = await service.NewClientAsync("checker");
        using (client)
        {
            var granted = await GrantedAsync(ReserveAsync(client, 1, null, kind: "variance"));
            await EndAsync(client, granted.Id);
            await ViewAsync(serial, d => d.IsAvailable);

            await CheckAsync(serial, passed: false);
            var bad = await ViewAsync(serial, d => d.Hold == DeviceHold.FailedHealthChecks);
            Assert.Equal((DeviceHealth.Bad, DeviceHolds.Farm, 2), (bad.Health, bad.HeldBy, bad.FailedHealthChecks));
            Assert.Contains("2 health checks in a row failed", bad.HoldReason, StringComparison.Ordinal);

            // The worker reporting the board Available again changes nothing: only an operator returns it.
            await service.Services.GetRequiredService<IBus>().Publish(new DeviceStateChanged(
                "checked-worker", serial, DeviceState.Available, DeviceHealth.Good, "self-test passed", null, TimeProvider.System.GetUtcNow()));
            await ViewAsync(serial, d => d.WorkerHealth == DeviceHealth.Good && d.Reason == "self-test passed");
            using (var refused = await ReserveAsync(client, 1, null, kind: "variance"))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            }

            await SendAsync(new ReturnDeviceToServiceByAdmin(serial, "dave", "reseated the cable"));
            await ViewAsync(serial, d => d.Hold is null && d.FailedHealthChecks == 0);
            await GrantedAsync(ReserveAsync(client, 1, null, kind: "variance"));
        }
    }

    private Task CheckAsync(string serial, bool passed) =>
        service.Services.GetRequiredService<IBus>().Publish(new DeviceHealthChecked(
            "checked-worker", serial, passed, passed ? "passed" : "the variance firmware did not print its ready line", TimeProvider.System.GetUtcNow()));

    private async Task SendAsync<T>(T command)
        where T : class, IMessage
    {
        var endpoint = await service.Services.GetRequiredService<IBus>().GetSendEndpoint(AdminQueues.ReservationServiceAddress);
        await endpoint.Send(command);
    }

    private Task<DeviceView> ViewAsync(string serial, Func<DeviceView, bool> condition) =>
        Eventually.WaitForAsync(async ct =>
        {
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<DeviceView>(StreamIds.Device(serial), ct) is { } view && condition(view) ? view : null;
        }, Deadline, $"board {serial} in the expected state");

    private async Task<IReadOnlyList<object>> EventsAsync(string serial, CancellationToken ct = default)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(StreamIds.Device(serial), token: ct)).Select(e => e.Data)];
    }
}
