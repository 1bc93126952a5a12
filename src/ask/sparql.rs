//! Intents → SPARQL. Only IRIs of entities found in the store and event classes of the
//! ontology enter the query: the question's words never do, so no question can change the
//! query's shape.

use super::question::{Form, Intent};
use crate::graph::vocab::NG;
use crate::knowledge::Knowledge;
use oxigraph::model::NamedNode;

/// An IRI checked to be one, written in angle brackets.
fn iri(s: &str) -> String {
    match NamedNode::new(s) {
        Ok(n) => n.to_string(),
        // Unreachable for IRIs read from the store; a placeholder that matches nothing.
        Err(_) => "<urn:newsgraph:invalid>".to_string(),
    }
}

pub fn events_query(intent: &Intent, k: &Knowledge) -> String {
    // The events and their roles are found first, in a DISTINCT subquery: over the union of
    // the document graphs, an event told by several documents has each role once per
    // document, and joining its evidence before collapsing them multiplies the rows.
    let mut q = String::from(
        "SELECT DISTINCT ?event ?class ?agent ?patient ?ptype ?nat ?pcount ?partner ?place ?date ?count ?doc ?sidx ?start ?end ?text\nWHERE {\n  { SELECT DISTINCT ?event ?class ?agent ?patient ?ptype ?nat ?pcount ?partner ?place ?date ?count WHERE {\n",
    );
    match intent
        .event_type
        .as_deref()
        .filter(|t| k.event_spec(t).is_some())
    {
        Some(t) => {
            let class = iri(&format!("{NG}{t}"));
            q.push_str(&format!(
                "  ?event a {class} .\n  BIND({class} AS ?class)\n"
            ));
        }
        None => q.push_str("  ?event a ?class .\n  ?class rdfs:subClassOf ng:Event .\n"),
    }
    if let Some(a) = &intent.agent {
        let a = iri(&a.iri);
        q.push_str(&format!(
            "  {{ ?event ng:agent {a} }} UNION {{ ?event ng:agentBody {a} }}\n"
        ));
    }
    if let Some(p) = &intent.patient {
        let p = iri(&p.iri);
        if intent.subject_side.is_some() {
            // Both sides of a two-sided event named: the other side.
            q.push_str(&format!(
                "  {{ ?event ng:agent {p} }} UNION {{ ?event ng:partner {p} }}\n"
            ));
        } else {
            q.push_str(&format!("  ?event ng:patient {p} .\n"));
        }
    }
    if let Some(n) = &intent.nationality {
        q.push_str(&format!(
            "  ?event ng:patient/ng:nationality {} .\n",
            iri(&n.iri)
        ));
    }
    if let Some(p) = &intent.place {
        // A place and the facilities within it ("Mae Sot" finds "Mae Sot airport").
        q.push_str(&format!("  ?event ng:place/ng:within* {} .\n", iri(&p.iri)));
    }
    if let Some(s) = &intent.subject_side {
        let s = iri(&s.iri);
        q.push_str(&format!(
            "  {{ ?event ng:agent {s} }} UNION {{ ?event ng:partner {s} }}\n"
        ));
    }
    if let Some(x) = &intent.any {
        let x = iri(&x.iri);
        q.push_str(&format!(
            "  {{ ?event ng:agent|ng:agentBody|ng:patient|ng:partner|ng:place {x} }} UNION {{ ?event ng:patient/ng:nationality {x} }}\n"
        ));
    }
    if intent.form == Form::Where {
        q.push_str("  ?event ng:place ?someplace .\n");
    }
    q.push_str(
        "  OPTIONAL { ?event ng:agent ?agent }
  OPTIONAL { ?event ng:patient ?patient .
             OPTIONAL { ?patient a ?ptype }
             OPTIONAL { ?patient ng:nationality ?nat }
             OPTIONAL { ?patient ng:count ?pcount } }
  OPTIONAL { ?event ng:partner ?partner }
  OPTIONAL { ?event ng:place ?place }
  OPTIONAL { ?event ng:date ?date }
  OPTIONAL { ?event ng:count ?count }
  } }
  ?event ng:evidence ?s .
  ?s nif:anchorOf ?text ; ng:byteStart ?start ; ng:byteEnd ?end ; ng:sentenceIndex ?sidx ;
     nif:referenceContext/ng:docId ?doc .
}
ORDER BY ?event ?doc ?start",
    );
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::question::Known;

    #[test]
    fn only_iris_enter_the_query() {
        let mut i =
            crate::ask::question::parse("Who deported whom?", &[], Knowledge::embedded(), &[])
                .unwrap();
        i.agent = Some(Known {
            iri: "x\"} DROP ALL {\"".into(),
            label: "\"} DROP ALL {\"".into(),
            kind: "State".into(),
        });
        let q = events_query(&i, Knowledge::embedded());
        assert!(!q.contains("DROP"));
        assert!(q.contains("<urn:newsgraph:invalid>"));
        assert!(q.contains("ontology#Deportation"));
    }
}
