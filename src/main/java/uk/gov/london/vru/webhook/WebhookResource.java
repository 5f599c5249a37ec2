package uk.gov.london.vru.webhook;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import uk.gov.london.vru.security.Roles;

/** Webhook subscriptions to the framework change feed, and their delivery logs (admins only). */
@Path(WebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    public static final String PATH = "/api/v1/webhooks";

    @Inject
    WebhookService webhooks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull WebhookApi.Create body) {
        WebhookSubscription subscription = webhooks.create(body);
        return Response.created(URI.create(PATH + "/" + subscription.id))
                .entity(WebhookApi.Created.of(subscription)).build();
    }

    @GET
    public WebhookApi.ViewList list() {
        return new WebhookApi.ViewList(webhooks.list().stream().map(WebhookApi.View::of).toList());
    }

    @GET
    @Path("{id}")
    public WebhookApi.View get(@PathParam("id") String id) {
        return WebhookApi.View.of(webhooks.get(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    public WebhookApi.DeliveryList deliveries(@PathParam("id") String id) {
        return new WebhookApi.DeliveryList(webhooks.deliveries(id).stream().map(WebhookApi.Delivery::of).toList());
    }
}
