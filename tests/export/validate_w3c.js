// Validates W3C Web Annotation files against the JSON Schemas (draft-04) of
// the W3C test suite (web-platform-tests annotation-model):
//
//   - each annotation of the file (the items of an AnnotationCollection's
//     embedded pages, an AnnotationPage's items, an array, or one annotation)
//     against every assertion annotations/annotationMusts.test lists, the
//     suite's "Annotation MUSTs", plus the definitions' checks of targets,
//     selectors, bodies, purposes, creators and motivation;
//   - a collection and its pages against definitions/collections.json.
//
// node validate_w3c.js STANDARDS_DIR FILE...   (STANDARDS_DIR/w3c-annotation-model)
// Prints one line per file; exits 1 when any file has a problem.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const [suiteDir, ...files] = process.argv.slice(2);
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

// As the suite's own harness (scripts/JSONtest.js): all errors, schemas not
// checked against the meta-schema; not strict, for the harness's keywords
// (assertionType, expectedResult, ...). ajv-formats asserts "uri" and "date-time".
const ajv = new Ajv({ allErrors: true, validateSchema: false, strict: false });
addFormats(ajv);
const definitions = path.join(suiteDir, "definitions");
for (const name of fs.readdirSync(definitions).filter((n) => n.endsWith(".json")).sort())
  ajv.addSchema(readJson(path.join(definitions, name)));

const musts = readJson(path.join(suiteDir, "annotations", "annotationMusts.test")).assertions.map((file) => {
  const schema = readJson(path.join(suiteDir, file));
  return { name: file, validate: ajv.compile(schema) };
});
const check = (name, ref) => ({ name, validate: ajv.compile({ $ref: ref }) });
const objectWith = (name, key, ref) => ({
  name,
  validate: ajv.compile({ type: "object", properties: { [key]: { $ref: ref } } }),
});

const annotationChecks = [
  ...musts,
  check("motivation recognized", "annotations.json#/definitions/motivationRecognizedIfPresent"),
  check("creator valid", "otherProperties.json#/definitions/creatorValidIfPresent"),
];
const targetChecks = [ // Gloss writes one target: the report, with selectors
  check("target recognized", "bodyTarget.json#/definitions/targetResourcesFound"),
  check("target is a Specific Resource", "specificResource.json#/definitions/specificeResourceDetected"),
  check("selectors recognized", "specificResource.json#/definitions/selectorDefined"),
  check("TextQuoteSelector valid", "specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent"),
  check("TextPositionSelector valid", "specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent"),
];
const selectorChecks = [
  check("TextQuoteSelector valid", "specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent"),
  check("TextPositionSelector valid", "specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent"),
];
const bodyChecks = [
  check("body recognized", "bodyTarget.json#/definitions/bodyResourcesFound"),
  check("purpose recognized", "otherProperties.json#/definitions/purposeRecognizedIfPresent"),
];
const creatorChecks = [
  check("agent type", "otherProperties.json#/definitions/agentTypeDefinition"),
  check("agent name", "otherProperties.json#/definitions/agentSingularNameDefinition"),
];
const collectionChecks = [
  objectWith("collection @context", "@context", "collections.json#/definitions/contextValueFound"),
  check("collection id", "id.json#/definitions/idValueFound"),
  check("collection type", "collections.json#/definitions/annotationCollectionTypeValueFound"),
  check("collection label", "collections.json#/definitions/labelDefinition"),
  check("collection total", "collections.json#/definitions/totalDefinition"),
  check("collection first", "collections.json#/definitions/firstRequiredIfTotalMoreThanZero"),
  check("collection first valid", "collections.json#/definitions/firstValidIfPresent"),
  check("collection last valid", "collections.json#/definitions/lastValidIfPresent"),
];
const pageChecks = [
  check("page id", "id.json#/definitions/idValueFound"),
  check("page type", "collections.json#/definitions/annotationPageTypeValueFound"),
  check("page items", "collections.json#/definitions/itemsFound"),
  check("page startIndex", "collections.json#/definitions/startIndexDefinition"),
  check("page next valid", "collections.json#/definitions/nextValidIfPresent"),
];

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const hasType = (object, type) => asList(object && object.type).includes(type);

function run(checks, value, where, problems) {
  for (const { name, validate } of checks) {
    if (validate(value)) continue;
    const detail = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`).slice(0, 3).join("; ");
    problems.push(`${where}: ${name}: ${detail}`);
  }
  return checks.length;
}

function validateAnnotation(annotation, where, problems) {
  let count = run(annotationChecks, annotation, where, problems);
  for (const [i, target] of asList(annotation.target).entries()) {
    count += run(targetChecks, target, `${where}.target[${i}]`, problems);
    for (const [j, selector] of asList(target.selector).entries())
      count += run(selectorChecks, selector, `${where}.target[${i}].selector[${j}]`, problems);
  }
  for (const [i, body] of asList(annotation.body).entries())
    count += run(bodyChecks, body, `${where}.body[${i}]`, problems);
  for (const [i, creator] of asList(annotation.creator).entries())
    if (typeof creator === "object") count += run(creatorChecks, creator, `${where}.creator[${i}]`, problems);
  return count;
}

let failed = false;
for (const file of files) {
  const data = readJson(file);
  const problems = [];
  let checks = 0;
  let annotations = 0;
  const visitPage = (page, where) => {
    checks += run(pageChecks, page, where, problems);
    for (const [i, item] of asList(page.items).entries()) {
      checks += validateAnnotation(item, `${where}.items[${i}]`, problems);
      annotations++;
    }
  };
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      checks += validateAnnotation(item, `[${i}]`, problems);
      annotations++;
    });
  } else if (hasType(data, "AnnotationCollection")) {
    checks += run(collectionChecks, data, "collection", problems);
    let page = data.first;
    let where = "first";
    while (page && typeof page === "object") {
      visitPage(page, where);
      page = page.next;
      where += ".next";
    }
  } else if (hasType(data, "AnnotationPage")) {
    visitPage(data, "page");
  } else {
    checks += validateAnnotation(data, "annotation", problems);
    annotations++;
  }
  if (problems.length) {
    failed = true;
    console.log(`INVALID ${file}: ${problems.length} problems in ${checks} checks`);
    for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
  } else {
    console.log(`valid ${file}: ${annotations} annotations, ${checks} checks`);
  }
}
process.exit(failed ? 1 : 0);
