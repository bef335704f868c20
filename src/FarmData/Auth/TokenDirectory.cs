using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Auth;

/// <summary>
/// Issues, checks, lists and revokes bearer tokens. The store owns every token; a replica keeps what it read about a
/// token for <see cref="TokenOptions.RecheckAfter"/> only, so a revocation on any replica holds on all of them within that
/// time. Only tokens that exist are kept, so the memory is bounded by the tokens issued, not by what callers send.
/// </summary>
internal sealed class TokenDirectory(IDocumentStore store, TimeProvider time, IOptions<TokenOptions> options)
{
    /// <summary>The refusal of a secret no issued token has.</summary>
    public const string Unknown = "Unknown token.";

    private readonly ConcurrentDictionary<string, (ApiToken Token, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);

    /// <summary>The token behind a secret, or why it may not be used (unknown, revoked, expired).</summary>
    public Task<(ApiToken? Token, string? Refusal)> CheckAsync(string secret, CancellationToken ct) => CheckHashAsync(TokenHashing.Hash(secret), ct);

    /// <summary>The same by the token's hash, which a panel session keeps instead of the secret.</summary>
    public async Task<(ApiToken? Token, string? Refusal)> CheckHashAsync(string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!_read.TryGetValue(hash, out var known) || now - known.ReadAt > options.Value.RecheckAfter)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<ApiToken>(hash, ct) is not { } stored)
            {
                _read.TryRemove(hash, out _);
                return (null, Unknown);
            }

            known = (stored, now);
            _read[hash] = known;
        }

        return known.Token.RefusalAt(now) is { } refusal ? (null, refusal) : (known.Token, null);
    }

    /// <summary>Adds a new token to <paramref name="session"/> (the caller commits); returns it and its secret, shown once.</summary>
    public (ApiToken Token, string Secret) Issue(
        IDocumentSession session, TokenKind kind, string subject, string? role, DateTimeOffset? expiresAt, string issuedBy)
    {
        var secret = TokenHashing.NewToken(kind == TokenKind.Client ? "ifc_" : "ifo_");
        var hash = TokenHashing.Hash(secret);
        var token = new ApiToken
        {
            Id = hash, PublicId = ApiToken.PublicIdOf(hash), Kind = kind, Subject = subject, Role = role,
            CreatedAt = time.GetUtcNow(), CreatedBy = issuedBy, ExpiresAt = expiresAt,
        };
        session.Insert(token);
        return (token, secret);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string? subject, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var query = session.Query<ApiToken>().AsQueryable();
        if (subject is not null)
        {
            query = query.Where(t => t.Subject == subject);
        }

        return [.. (await query.ToListAsync(ct)).OrderBy(t => t.Subject, StringComparer.Ordinal).ThenBy(t => t.CreatedAt)];
    }

    /// <summary>Revokes by public id; null when no such token exists. A token revoked before stays as it was.</summary>
    public async Task<(ApiToken Token, bool Changed)?> RevokeAsync(string publicId, string by, string reason, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<ApiToken>().FirstOrDefaultAsync(t => t.PublicId == publicId, ct) is not { } token)
        {
            return null;
        }

        if (token.RevokedAt is not null)
        {
            return (token, false);
        }

        token.RevokedAt = time.GetUtcNow();
        token.RevokedBy = by;
        token.RevokeReason = reason;
        session.Update(token);
        await session.SaveChangesAsync(ct);
        _read.TryRemove(token.Id, out _);
        return (token, true);
    }
}
