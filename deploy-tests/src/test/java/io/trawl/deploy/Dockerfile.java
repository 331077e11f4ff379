package io.trawl.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile as its instructions: comments dropped, continuation lines joined, each instruction's keyword in
 * upper case with its arguments as written.
 */
record Dockerfile(String path, List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile of(TrawlService service) {
        String path = "deploy/docker/" + service.module() + "/Dockerfile";
        return parse(path, Repo.read(path));
    }

    static Dockerfile parse(String path, String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            String whole = pending.toString().strip();
            pending.setLength(0);
            int space = whole.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(path + ": instruction without arguments: " + whole);
            }
            instructions.add(new Instruction(whole.substring(0, space).toUpperCase(), whole.substring(space + 1).strip()));
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(path + ": ends inside a continued line");
        }
        return new Dockerfile(path, List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The instructions of the last stage: what the image runs. */
    Dockerfile finalStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return new Dockerfile(path + " (final stage)", instructions.subList(from, instructions.size()));
    }

    String last(String keyword) {
        List<String> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError(path + " has no " + keyword);
        }
        return found.getLast();
    }
}
