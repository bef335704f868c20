using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Clients;
using Marten;

namespace IceFarm.ReservationService.Auth;

/// <summary>
/// Moves client tokens stored on the client document (before tokens could expire or be revoked) into
/// <see cref="ApiToken"/> documents at start-up, so no issued token stops working across the upgrade. Replicas may run it
/// together: each writes the same documents.
/// </summary>
internal sealed class LegacyTokenMigration(IDocumentStore store, ILogger<LegacyTokenMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var legacy = await session.Query<ClientAccount>().Where(a => a.TokenHash != null).ToListAsync(cancellationToken);
        foreach (var account in legacy)
        {
            var hash = account.TokenHash!;
            session.Store(new ApiToken
            {
                Id = hash, PublicId = ApiToken.PublicIdOf(hash), Kind = TokenKind.Client, Subject = account.Id,
                CreatedAt = account.CreatedAt, CreatedBy = account.CreatedBy,
            });
            account.TokenHash = null;
            session.Update(account);
        }

        await session.SaveChangesAsync(cancellationToken);
        if (legacy.Count > 0)
        {
            logger.LogInformation("Moved {Count} client token(s) to token documents", legacy.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
