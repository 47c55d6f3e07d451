# Sourced by loc.sh and duplicates.sh. Of the paths on stdin, those .gitattributes marks `linguist-generated` (the
# description literals `npm run descriptions` writes), or those it does not.
generated() { git check-attr --stdin linguist-generated | awk -F': ' '$3 == "true" { print $1 }'; }
written() { git check-attr --stdin linguist-generated | awk -F': ' '$3 != "true" { print $1 }'; }
