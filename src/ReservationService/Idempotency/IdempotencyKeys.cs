using System.Text.RegularExpressions;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Http;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace IceFarm.ReservationService.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header of the reserve and upload calls, and the stored answers it names.</summary>
internal static partial class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 128;
    public const string Reserve = "reserve";
    public const string Evaluations = "evaluations";

    /// <summary>The key, null when the request has none, or a 400 when it is malformed.</summary>
    public static (string? Key, ProblemHttpResult? Problem) Read(HttpRequest request)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return (null, null);
        }

        return values.Count == 1 && values[0] is { } key && KeyPattern().IsMatch(key)
            ? (key, null)
            : (null, Problems.BadRequest(
                $"The {Header} header must be one value of 1 to {MaxLength} characters: letters, digits and . _ : -.", ProblemTypes.InvalidIdempotencyKey));
    }

    /// <summary>The stored answer's id: per client, so one client cannot read another's answers, and per operation.</summary>
    public static string IdOf(string operation, string clientId, string key) => $"{operation}:{clientId}:{key}";

    public static async Task<IdempotentRequest?> FindAsync(IDocumentStore store, string id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<IdempotentRequest>(id, ct);
    }

    /// <summary>The commit failed because a request with the same key committed first (and not for a stream conflict).</summary>
    public static bool IsDuplicate(Exception ex) =>
        ex is DocumentAlreadyExistsException
        || (ex is not ConcurrencyException && ex.InnerException is DocumentAlreadyExistsException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex KeyPattern();
}
