package io.thinkmeter.engine.decoding;

import java.util.Arrays;
import java.util.List;

/**
 * The links of one sequence run in order, itself an {@link Intervention} so the decode loop sees a
 * single object: apply runs every link in order, replace passes the token through every link in order,
 * accept reaches every link, and the chain forces when any link forced in the latest apply.
 */
public final class InterventionChain implements Intervention {

    private final Intervention[] links;

    public InterventionChain(Intervention... links) {
        if (links == null) {
            throw new IllegalArgumentException("links must not be null");
        }
        for (int i = 0; i < links.length; i++) {
            if (links[i] == null) {
                throw new IllegalArgumentException("link " + i + " of " + links.length + " is null");
            }
        }
        this.links = links.clone();
    }

    public InterventionChain(List<? extends Intervention> links) {
        this(links.toArray(new Intervention[0]));
    }

    @Override
    public void apply(float[] logits) {
        for (Intervention link : links) {
            link.apply(logits);
        }
    }

    @Override
    public int replace(int picked) {
        int token = picked;
        for (Intervention link : links) {
            token = link.replace(token);
        }
        return token;
    }

    @Override
    public void accept(int token) {
        for (Intervention link : links) {
            link.accept(token);
        }
    }

    @Override
    public boolean forcing() {
        for (Intervention link : links) {
            if (link.forcing()) {
                return true;
            }
        }
        return false;
    }

    /** Deep copy: every link is copied, so the two chains share no state. */
    @Override
    public InterventionChain copy() {
        Intervention[] copies = new Intervention[links.length];
        for (int i = 0; i < links.length; i++) {
            copies[i] = links[i].copy();
        }
        return new InterventionChain(copies);
    }

    /** The links in order, read-only. */
    public List<Intervention> links() {
        return List.copyOf(Arrays.asList(links));
    }

    /** The first link of the given type, or null: lets the loop and tests read, say, budget forcing's state. */
    public <T extends Intervention> T find(Class<T> type) {
        for (Intervention link : links) {
            if (type.isInstance(link)) {
                return type.cast(link);
            }
        }
        return null;
    }
}
