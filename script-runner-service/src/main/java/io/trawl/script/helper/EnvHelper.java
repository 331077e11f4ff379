package io.trawl.script.helper;

import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * {@code env}: the script's configured values as a read-only object of strings ({@code env.SLACK_WEBHOOK}).
 * A key that is not configured reads as {@code undefined}. Kubeshark's equivalent is {@code env} from
 * {@code scripting.env}.
 */
public final class EnvHelper implements Helper {

    @Override
    public String global() {
        return "env";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        return GuestObject.of(scope.env());
    }
}
