package io.trawl.script.helper;

import java.util.Map;

import org.graalvm.polyglot.proxy.ProxyObject;

/** {@code utils.nodeName()}: the name of the node (runner replica) the script runs on. */
public final class UtilsHelper implements Helper {

    @Override
    public String global() {
        return "utils";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        String node = scope.node();
        return GuestObject.of(Map.of("nodeName", scope.function("utils.nodeName", arguments -> node)));
    }
}
