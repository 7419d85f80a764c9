// SPDX-License-Identifier: Apache-2.0
// main_test.cpp: the rules test module (the rule language: grammar, compiler, evaluator).
#define BOOST_TEST_MODULE rules
#include <boost/test/unit_test.hpp>
