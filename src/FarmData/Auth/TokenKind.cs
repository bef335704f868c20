namespace IceFarm.FarmData.Auth;

/// <summary>Whom a bearer token stands for.</summary>
internal enum TokenKind
{
    /// <summary>A client of the reservation API; its subject is the client id.</summary>
    Client,

    /// <summary>A person or automation acting on the admin API; its subject is the operator's name.</summary>
    Operator,
}
