using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_a_client_touches_another_clients_reservation(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Calls => new() { "get", "end", "extend", "release", "reboot", "evaluate" };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Calls))]
    public async Task Every_call_is_refused_with_not_your_reservation_and_changes_nothing(string call)
    {
        await service.AnnounceWorkerAsync($"owned-{call}", 1, kind: "variance");
        var (owner, _) = await service.NewClientAsync("owner");
        var (intruder, _) = await service.NewClientAsync("intruder");
        using (owner)
        using (intruder)
        {
            using var reserve = await owner.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, Duration: "PT10M")).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var serial = reservation.Devices.Single().Serial;
            var path = $"api/v1/reservations/{reservation.Id}";

            using var response = await (call switch
            {
                "get" => intruder.GetAsync(path),
                "end" => intruder.DeleteAsync(path),
                "extend" => intruder.PostAsJsonAsync($"{path}/extend", new ExtendRequest("PT20H")),
                "release" => intruder.DeleteAsync($"{path}/devices/{serial}"),
                "reboot" => intruder.PostAsync($"{path}/devices/{serial}/reboot", null),
                _ => intruder.PostAsync($"{path}/evaluations", new MultipartFormDataContent
                {
                    { new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000))), "bitstreams", "x.bin" },
                }),
            }).WaitAsync(Deadline);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("/not-your-reservation", problem.GetProperty("type").GetString());
            var after = await owner.GetFromJsonAsync<ReservationResponse>(path).WaitAsync(Deadline);
            Assert.Equal(reservation.ExpiresAt, after!.ExpiresAt);
            Assert.Equal(reservation.Devices.Single().State, after.Devices.Single().State);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_reservation_id_is_404_not_a_leak()
    {
        var (client, _) = await service.NewClientAsync("curious");
        using (client)
        {
            using var response = await client.GetAsync($"api/v1/reservations/{Guid.NewGuid()}").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var notGuid = await client.GetAsync("api/v1/reservations/not-a-guid").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NotFound, notGuid.StatusCode);
        }
    }
}
