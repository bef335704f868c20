namespace IceFarm.FarmData.Quotas;

internal static class QuotaSetup
{
    public static WebApplicationBuilder AddQuotas(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClientQuotas>();
        return builder;
    }
}
