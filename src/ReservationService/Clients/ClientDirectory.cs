using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IceFarm.ReservationService.Auth;
using Marten;

namespace IceFarm.ReservationService.Clients;

/// <summary>Issues client tokens and resolves them; resolved hashes are cached so the hot path does no query.</summary>
internal sealed partial class ClientDirectory(IDocumentStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _clientByHash = new(StringComparer.Ordinal);

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public async Task<(ClientAccount Account, string Token)> CreateAsync(string name, string createdBy, CancellationToken ct)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("Client names use letters, digits and . - _ @, at most 64 characters.", nameof(name));
        }

        var token = TokenHashing.NewToken("ifc_");
        var account = new ClientAccount
        {
            Id = $"{name.ToLowerInvariant()}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}",
            Name = name,
            TokenHash = TokenHashing.Hash(token),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await using var session = store.LightweightSession();
        session.Insert(account);
        await session.SaveChangesAsync(ct);
        return (account, token);
    }

    public async Task<string?> FindClientIdAsync(string token, CancellationToken ct)
    {
        var hash = TokenHashing.Hash(token);
        if (_clientByHash.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        await using var session = store.QuerySession();
        var account = await session.Query<ClientAccount>().FirstOrDefaultAsync(a => a.TokenHash == hash, ct);
        if (account is not null)
        {
            _clientByHash[hash] = account.Id;
        }

        return account?.Id;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();
}
