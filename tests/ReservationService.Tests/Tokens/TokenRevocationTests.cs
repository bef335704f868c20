using System.Net;
using System.Net.Http.Headers;
using IceFarm.FarmData.Auth;
using IceFarm.ReservationService.Auth;
using IceFarm.FarmData.Clients;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace IceFarm.ReservationService.Tests.Tokens;

/// <summary>A token is checked against the store, not a copy a replica keeps forever.</summary>
public sealed class When_a_client_token_is_revoked(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_revocation_on_one_replica_is_refused_by_the_other_within_seconds()
    {
        await using var replica = await service.StartReplicaAsync();
        var (http, clientId) = await service.NewClientAsync("revoked-everywhere");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        http.Dispose();
        using var onB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline };
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var served = await onB.GetAsync("api/v1/reservations").WaitAsync(Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode); // replica B has now read the token
        }

        var directory = service.Services.GetRequiredService<TokenDirectory>();
        var publicId = (await directory.ListAsync(clientId, CancellationToken.None)).Single().PublicId;
        Assert.NotNull(await directory.RevokeAsync(publicId, "test-admin", "left the lab", CancellationToken.None));

        var refusal = await Eventually.WaitForAsync(async ct =>
        {
            using var response = await onB.GetAsync("api/v1/reservations", ct);
            return response.StatusCode == HttpStatusCode.Unauthorized ? await response.Content.ReadAsStringAsync(ct) : null;
        }, TimeSpan.FromSeconds(30), "replica B to refuse the revoked token");
        Assert.Contains("revoked", refusal, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_kept_on_its_client_document_before_the_upgrade_still_works_and_can_be_revoked()
    {
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var secret = TokenHashing.NewToken("ifc_");
        var clientId = $"legacy-{Guid.NewGuid():N}"[..20];
        await using (var session = store.LightweightSession())
        {
            session.Store(new ClientAccount { Id = clientId, Name = "legacy", TokenHash = TokenHashing.Hash(secret), CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "old" });
            await session.SaveChangesAsync();
        }

        // What every replica runs at start-up.
        await service.Services.GetServices<IHostedService>().OfType<LegacyTokenMigration>().Single().StartAsync(CancellationToken.None);

        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Deadline };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var served = await http.GetAsync("api/v1/reservations").WaitAsync(Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var directory = service.Services.GetRequiredService<TokenDirectory>();
        var moved = (await directory.ListAsync(clientId, CancellationToken.None)).Single();
        Assert.Equal((TokenKind.Client, "old"), (moved.Kind, moved.CreatedBy));
        await using (var query = store.QuerySession())
        {
            Assert.Null((await query.LoadAsync<ClientAccount>(clientId))!.TokenHash);
        }

        await directory.RevokeAsync(moved.PublicId, "test-admin", "old token", CancellationToken.None);
        using var refused = await http.GetAsync("api/v1/reservations").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
