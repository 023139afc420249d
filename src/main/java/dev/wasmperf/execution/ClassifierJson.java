package dev.wasmperf.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the classifier's stdout by hand, so a contract violation is named precisely instead of surfacing as a mapping error. */
final class ClassifierJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClassifierJson() {
    }

    static ClassifierOutput read(RunResult run) {
        if (run.timedOut()) {
            return new ClassifierCrash(run.outcome(), run);
        }
        int exit = run.exitCode().orElseThrow();
        if (exit != 0 && exit != ClassifierOutput.ERROR_EXIT_CODE) {
            return new ClassifierCrash(run.outcome() + "; the classifier exits only with 0 (result) or "
                    + ClassifierOutput.ERROR_EXIT_CODE + " (rejected input)", run);
        }
        JsonNode json;
        try {
            json = JSON.readTree(run.stdout().strip());
        } catch (JsonProcessingException e) {
            return new ClassifierCrash("exit code " + exit + " but stdout is not one JSON object ("
                    + e.getOriginalMessage() + ")", run);
        }
        if (json == null || !json.isObject()) {
            return new ClassifierCrash("exit code " + exit + " but stdout is not one JSON object", run);
        }
        try {
            return exit == 0 ? classification(json) : error(json, exit);
        } catch (IllegalArgumentException e) {
            return new ClassifierCrash("exit code " + exit + " but stdout does not follow the classifier's JSON contract: "
                    + e.getMessage(), run);
        }
    }

    private static Classification classification(JsonNode json) {
        JsonNode top = json.get("top");
        if (top == null || !top.isArray() || top.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty \"top\" array");
        }
        List<Prediction> predictions = new ArrayList<>();
        for (JsonNode entry : top) {
            JsonNode index = entry.get("index");
            JsonNode label = entry.get("label");
            JsonNode score = entry.get("score");
            if (index == null || !index.canConvertToInt() || !index.isIntegralNumber()
                    || label == null || !label.isTextual() || score == null || !score.isNumber()) {
                throw new IllegalArgumentException("each \"top\" entry needs an integer \"index\", a string \"label\" and a number \"score\", got " + entry);
            }
            predictions.add(new Prediction(index.intValue(), label.textValue(), score.doubleValue()));
        }
        JsonNode sha = json.get("model_sha256");
        if (sha == null || !sha.isTextual()) {
            throw new IllegalArgumentException("expected a string \"model_sha256\"");
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        JsonNode phasesNode = json.get("phases_us");
        if (phasesNode == null || !phasesNode.isObject()) {
            throw new IllegalArgumentException("expected an object \"phases_us\"");
        }
        for (Map.Entry<String, JsonNode> phase : phasesNode.properties()) {
            if (!phase.getValue().isIntegralNumber()) {
                throw new IllegalArgumentException("phases_us." + phase.getKey() + " must be a whole number of microseconds, got " + phase.getValue());
            }
            phases.put(phase.getKey(), phase.getValue().longValue());
        }
        JsonNode isa = json.get("isa");
        if (isa != null && !isa.isTextual()) {
            throw new IllegalArgumentException("\"isa\" must be a string, got " + isa);
        }
        List<Long> repeated = new ArrayList<>();
        JsonNode repeatedNode = json.get("repeated_inference_us");
        if (repeatedNode != null) {
            if (!repeatedNode.isArray()) {
                throw new IllegalArgumentException("\"repeated_inference_us\" must be an array, got " + repeatedNode);
            }
            for (JsonNode time : repeatedNode) {
                if (!time.isIntegralNumber()) {
                    throw new IllegalArgumentException("repeated_inference_us must hold whole numbers of microseconds, got " + time);
                }
                repeated.add(time.longValue());
            }
        }
        return new Classification(predictions, sha.textValue(), isa == null ? "" : isa.textValue(), phases, repeated);
    }

    private static ClassifierError error(JsonNode json, int exit) {
        JsonNode error = json.get("error");
        if (error == null || !error.isObject()) {
            throw new IllegalArgumentException("expected an \"error\" object");
        }
        JsonNode kind = error.get("kind");
        JsonNode message = error.get("message");
        if (kind == null || !kind.isTextual()) {
            throw new IllegalArgumentException("expected a string \"error.kind\"");
        }
        return new ClassifierError(kind.textValue(), message != null && message.isTextual() ? message.textValue() : "", exit);
    }
}
