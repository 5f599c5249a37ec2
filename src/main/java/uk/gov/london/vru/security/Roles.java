package uk.gov.london.vru.security;

/** The roles a token can carry (from the claim configured by {@code quarkus.oidc.roles.role-claim-path}). */
public final class Roles {

    /** A delivery partner: sees and changes only its own organisation's objects. */
    public static final String PARTNER = "partner";
    /** VRU staff who approve registrations and accept submissions. */
    public static final String COMMISSIONER = "commissioner";
    /** VRU research team: prepares and publishes framework releases. */
    public static final String FRAMEWORK_EDITOR = "framework-editor";
    /** Administrators: organisations, audit, subscriptions. */
    public static final String ADMIN = "admin";

    /** From most to least powerful: the role recorded in audit events when a token has several. */
    static final String[] PRECEDENCE = { ADMIN, FRAMEWORK_EDITOR, COMMISSIONER, PARTNER };

    private Roles() {
    }
}
