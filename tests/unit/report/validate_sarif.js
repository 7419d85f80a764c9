// SPDX-License-Identifier: Apache-2.0
// validate_sarif.js DIR FILE: validates the SARIF log FILE against the SARIF 2.1.0 JSON schema
// with ajv, both installed under DIR by install_sarif_validator.sh. Exit 0 when valid.
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, file] = process.argv.slice(2);
const modules = path.join(path.resolve(dir), 'node_modules');
const load = (name) => { const m = require(path.join(modules, name)); return m.default || m; };
const Ajv = load('ajv-draft-04');  // the SARIF schema is written in JSON Schema draft-04
const addFormats = load('ajv-formats');
const schema = JSON.parse(fs.readFileSync(
    path.join(modules, '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

// unicodeRegExp off: the schema's `language` pattern is not valid with the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const log = JSON.parse(fs.readFileSync(file, 'utf8'));
if (!validate(log)) {
    console.error(JSON.stringify(validate.errors, null, 2));
    process.exit(1);
}
console.log(`${file}: valid against ${schema.id || schema.$id}`);
