package org.elusive.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated world of made-up entities and their attributes. Facts are stated in the corpus with a
 * Zipf-like frequency, so frequent facts are learned early and by small models, rare ones late and
 * only by larger ones: the spread of difficulty that makes per-question scaling curves differ.
 */
public record DemoWorld(List<String> entities, List<Relation> relations, int[][] answer, double[] weight) {

    /** A relation such as "the colour of X is V", with its possible values. */
    public record Relation(String name, List<String> values) {}

    /** One multiple-choice question: context, choices (gold first before shuffling) and gold index. */
    public record Question(String context, List<String> choices, int gold) {}

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ru", "zen", "tor", "vi", "pa", "sul",
            "dra", "ne", "bo", "fi", "gar", "hu", "qua", "xe", "yl", "wom", "tes"};

    public static DemoWorld generate(int nEntities, long seed) {
        Random rnd = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < nEntities) {
            names.add(SYLLABLES[rnd.nextInt(SYLLABLES.length)] + SYLLABLES[rnd.nextInt(SYLLABLES.length)]
                    + (rnd.nextBoolean() ? SYLLABLES[rnd.nextInt(SYLLABLES.length)] : ""));
        }
        List<Relation> relations = List.of(
                new Relation("colour", List.of("red", "blue", "green", "yellow", "black", "white")),
                new Relation("food", List.of("bread", "rice", "fish", "apples", "cheese", "beans")),
                new Relation("animal", List.of("cat", "dog", "horse", "owl", "fox", "bear")),
                new Relation("city", List.of("north", "south", "east", "west", "hills", "coast")));
        List<String> entities = new ArrayList<>(names);
        int[][] answer = new int[entities.size()][relations.size()];
        double[] weight = new double[entities.size()];
        for (int e = 0; e < entities.size(); e++) {
            weight[e] = 1.0 / Math.pow(e + 1, 0.8);
            for (int r = 0; r < relations.size(); r++) answer[e][r] = rnd.nextInt(relations.get(r).values().size());
        }
        return new DemoWorld(entities, relations, answer, weight);
    }

    /** The vocabulary's first word: end of text, also the unknown word (GPT-NeoX's spelling). */
    public static final String END_OF_TEXT = "<|endoftext|>";

    public String fact(int e, int r) {
        Relation rel = relations.get(r);
        return "the " + rel.name() + " of " + entities.get(e) + " is " + rel.values().get(answer[e][r]) + " .";
    }

    /** Sentences of the training corpus: facts drawn by entity weight. */
    public List<String> corpus(int sentences, long seed) {
        Random rnd = new Random(seed);
        double total = 0;
        for (double w : weight) total += w;
        List<String> out = new ArrayList<>(sentences);
        for (int i = 0; i < sentences; i++) {
            double u = rnd.nextDouble() * total;
            int e = 0;
            while (e < weight.length - 1 && (u -= weight[e]) > 0) e++;
            out.add(fact(e, rnd.nextInt(relations.size())));
        }
        return out;
    }

    /** Every (entity, relation) pair as a 4-choice question in cloze form, as lm-eval's ARC/LAMBADA style. */
    public List<Question> questions(long seed) {
        Random rnd = new Random(seed);
        List<Question> out = new ArrayList<>();
        for (int e = 0; e < entities.size(); e++) {
            for (int r = 0; r < relations.size(); r++) {
                Relation rel = relations.get(r);
                List<String> wrong = new ArrayList<>(rel.values());
                String gold = wrong.remove(answer[e][r]);
                java.util.Collections.shuffle(wrong, rnd);
                List<String> choices = new ArrayList<>(List.of(gold, wrong.get(0), wrong.get(1), wrong.get(2)));
                java.util.Collections.shuffle(choices, rnd);
                out.add(new Question("the " + rel.name() + " of " + entities.get(e) + " is", choices, choices.indexOf(gold)));
            }
        }
        return out;
    }

    /** The word-level vocabulary: end-of-text first, then every word the corpus and questions use. */
    public List<String> vocabulary() {
        Set<String> words = new LinkedHashSet<>(List.of(END_OF_TEXT, "the", "of", "is", "."));
        for (Relation r : relations) { words.add(r.name()); words.addAll(r.values()); }
        words.addAll(entities);
        return new ArrayList<>(words);
    }
}
