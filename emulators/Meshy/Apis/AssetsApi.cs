using Meshy3D.Emulators.Meshy.Assets;
using Meshy3D.Emulators.Meshy.Model;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>The emulator's stand-in for assets.meshy.ai: signed, expiring URLs, no API key.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{taskId}/{file}", (string taskId, string file, HttpRequest request, AssetUrlSigner signer, TaskBoard board, RequestJournal journal) =>
        {
            var check = signer.Check(taskId, file, request.Query["Expires"], request.Query["Signature"]);
            if (check != SignatureCheck.Valid)
                return MeshyJson.Error(StatusCodes.Status403Forbidden, check switch
                {
                    SignatureCheck.Expired => "Access denied: the URL has expired",
                    SignatureCheck.Missing => "Access denied: missing Expires or Signature",
                    _ => "Access denied: invalid signature",
                });
            if (board.GetAny(taskId)?.Assets is not { } assets || !assets.Files.TryGetValue(file, out var asset))
                return MeshyJson.Error(StatusCodes.Status404NotFound, "Asset not found");
            journal.AssetDownloaded();
            return Results.File(asset.Data, asset.ContentType);
        });
        return app;
    }
}
