using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.AdminApi.Tests;

public sealed class When_an_admin_reads_the_farm(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Workers_show_liveness_kinds_and_device_counts()
    {
        await host.AnnounceWorkerAsync("read-w1", 3);
        var workers = await host.Admin.GetFromJsonAsync<WorkerInfo[]>("api/admin/workers").WaitAsync(AdminApiHost.Deadline);
        var worker = Assert.Single(workers!, w => w.Name == "read-w1");
        Assert.True(worker.Online);
        Assert.False(worker.Draining);
        Assert.Equal("test-1.0", worker.Version);
        Assert.Equal(["pulsecount"], worker.Kinds);
        Assert.NotNull(worker.LastHeartbeat);
        Assert.Equal(3, worker.DevicesByState["Available"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_workers_devices_are_listed_and_an_unknown_worker_is_404()
    {
        var serials = await host.AnnounceWorkerAsync("read-w2", 2);
        var devices = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/workers/read-w2/devices").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(serials, devices!.Select(d => d.Serial));
        Assert.All(devices!, d => Assert.Equal("read-w2", d.Worker));

        using var unknown = await host.Admin.GetAsync("api/admin/workers/nobody/devices").WaitAsync(AdminApiHost.Deadline);
        await When_a_caller_has_no_admin_token.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "/not-found");
    }

    [Fact(Timeout = 120_000)]
    public async Task Devices_are_joined_with_their_reservation_and_filter_by_worker_state_and_client()
    {
        var serials = await host.AnnounceWorkerAsync("read-w3", 3);
        var (clientId, client) = await host.NewClientAsync("reader");
        using (client)
        {
            var reservation = await AdminApiHost.ReserveAsync(client, serials[0]);
            var mine = await host.Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/devices?client={clientId}").WaitAsync(AdminApiHost.Deadline);
            var held = Assert.Single(mine!);
            Assert.Equal(serials[0], held.Serial);
            Assert.Equal(reservation.Id, held.ReservationId);
            Assert.Equal("pulsecount", held.Kind);
            // PostgreSQL builds the device table's JSON and keeps microseconds, one digit less than .NET.
            Assert.Equal(reservation.ExpiresAt, held.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));

            var all = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=read-w3&state=available").WaitAsync(AdminApiHost.Deadline);
            Assert.Equal(3, all!.Length);
            var none = await host.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices?worker=read-w3&state=Broken").WaitAsync(AdminApiHost.Deadline);
            Assert.Empty(none!);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_state_filter_is_400_naming_the_known_states()
    {
        using var response = await host.Admin.GetAsync("api/admin/devices?state=melted").WaitAsync(AdminApiHost.Deadline);
        var problem = await When_a_caller_has_no_admin_token.AssertProblemAsync(response, HttpStatusCode.BadRequest, "/invalid-request");
        Assert.Contains("Available", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Availability_counts_free_boards_per_kind_and_every_state()
    {
        var serials = await host.AnnounceWorkerAsync("read-w4", 2, kind: "variance");
        var before = await host.Admin.GetFromJsonAsync<FarmAvailability>("api/admin/availability").WaitAsync(AdminApiHost.Deadline);
        Assert.True(before!.AvailableByKind["variance"] >= 2);
        Assert.True(before.ByState.ContainsKey("Broken"));
        Assert.Equal(before.Total, before.ByState.Values.Sum());

        var (_, client) = await host.NewClientAsync("counter");
        using (client)
        {
            using var reserve = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Serials: [serials[0]]));
            reserve.EnsureSuccessStatusCode();
            var after = await host.Admin.GetFromJsonAsync<FarmAvailability>("api/admin/availability").WaitAsync(AdminApiHost.Deadline);
            Assert.Equal(before.AvailableByKind["variance"] - 1, after!.AvailableByKind["variance"]);
            Assert.Equal(before.Reserved + 1, after.Reserved);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_devices_history_is_its_event_stream_newest_first_and_an_unknown_board_is_404()
    {
        var serials = await host.AnnounceWorkerAsync("read-w5", 1);
        var (clientId, client) = await host.NewClientAsync("historian");
        using (client)
        {
            await AdminApiHost.ReserveAsync(client, serials[0]);
            var history = await host.Admin.GetFromJsonAsync<DeviceHistoryEntry[]>($"api/admin/devices/{serials[0]}/history").WaitAsync(AdminApiHost.Deadline);
            Assert.True(history!.Length >= 2);
            Assert.Equal(history.Select(h => h.Version).OrderDescending(), history.Select(h => h.Version));
            Assert.Equal("DeviceReserved", history[0].Type);
            Assert.Contains(clientId, history[0].Description, StringComparison.Ordinal);
            Assert.Equal("DeviceStateRecorded", history[^1].Type);
            Assert.Contains("Available on read-w5", history[^1].Description, StringComparison.Ordinal);
        }

        using var unknown = await host.Admin.GetAsync("api/admin/devices/NO-SUCH-BOARD/history").WaitAsync(AdminApiHost.Deadline);
        await When_a_caller_has_no_admin_token.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "/not-found");
    }

    [Fact(Timeout = 120_000)]
    public async Task Clients_and_their_reservations_are_listed_and_an_unknown_client_is_404()
    {
        var serials = await host.AnnounceWorkerAsync("read-w6", 2);
        var (clientId, client) = await host.NewClientAsync("lister");
        using (client)
        {
            var reservation = await AdminApiHost.ReserveAsync(client, serials);
            var clients = await host.Admin.GetFromJsonAsync<ClientInfo[]>("api/admin/clients").WaitAsync(AdminApiHost.Deadline);
            var listed = Assert.Single(clients!, c => c.ClientId == clientId);
            Assert.Equal(("lister", 1, 2, "bootstrap-admin"), (listed.Name, listed.ActiveReservations, listed.Devices, listed.CreatedBy));

            var reservations = await host.Admin.GetFromJsonAsync<ClientReservationInfo[]>($"api/admin/clients/{clientId}/reservations").WaitAsync(AdminApiHost.Deadline);
            var only = Assert.Single(reservations!);
            Assert.Equal(reservation.Id, only.Id);
            Assert.True(only.Active);
            Assert.Equal(serials, only.Devices.Select(d => d.Serial).Order());
        }

        using var unknown = await host.Admin.GetAsync("api/admin/clients/nobody-000000/reservations").WaitAsync(AdminApiHost.Deadline);
        await When_a_caller_has_no_admin_token.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "/not-found");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_keepalive_lease_shows_its_ttl_and_last_renewal_in_the_clients_reservations()
    {
        var serials = await host.AnnounceWorkerAsync("read-w8", 1);
        var (clientId, client) = await host.NewClientAsync("renewer");
        using (client)
        {
            using var reserve = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials, KeepAlive: "PT90S"))
                .WaitAsync(AdminApiHost.Deadline);
            var granted = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var renew = await client.PostAsync($"api/v1/reservations/{granted.Id}/keepalive", null).WaitAsync(AdminApiHost.Deadline);
            var renewed = (await renew.Content.ReadFromJsonAsync<ReservationResponse>())!;
            Assert.True(renewed.RenewedAt > granted.RenewedAt, $"{renewed.RenewedAt:O} after {granted.RenewedAt:O}");

            var reservations = await host.Admin.GetFromJsonAsync<ClientReservationInfo[]>($"api/admin/clients/{clientId}/reservations").WaitAsync(AdminApiHost.Deadline);
            var only = Assert.Single(reservations!);
            Assert.Equal(("PT1M30S", renewed.RenewedAt), (only.KeepAlive, only.RenewedAt));
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"has space"}""")]
    [InlineData("""{"name":""")]
    [InlineData("")]
    public async Task Issuing_a_client_with_a_bad_name_or_body_is_400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await host.Admin.PostAsync("api/admin/clients", content).WaitAsync(AdminApiHost.Deadline);
        await When_a_caller_has_no_admin_token.AssertProblemAsync(response, HttpStatusCode.BadRequest, "/invalid-request");
    }
}
