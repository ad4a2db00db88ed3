#!/usr/bin/env bash
# The IPTC's 35 NewsML-G2 examples (../shared/corpora/iptc-newsml-g2):
# each file on its own, then the folder at once. Every News Item with
# text becomes an article with its title, body and date; every other
# item class (pictures, video, packages, concepts, knowledge, catalog,
# planning items, fragments) is left out with a note naming its class;
# an item that is only an id is refused; nothing empty is stored.
. "$(dirname "$0")/lib.sh"
g2=$WX_SHARED/corpora/iptc-newsml-g2
[ -d "$g2" ] || skip_all "no ../shared/corpora/iptc-newsml-g2"

# file | what it must give: "article TBD" (which of title, body and date
# the article has: T/-, B/-, D/-) or "none" plus a fragment of each note.
outcomes='
LISTING_1_A_NewsML-G2_News_Item.xml|article T-D
LISTING_2_NewsML-G2_Text_Document.xml|article TBD
LISTING_3_Photo_in_NewsML-G2.xml|none <newsItem> of class ninat:picture
LISTING_3A_Photo_in_NewsML-G2__URI_sibling_attributes_.xml|none <newsItem> of class ninat:picture
LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2.xml|none <newsItem> of class ninat:video
LISTING_5_Multi-part_Video_in_NewsML-G2.xml|none <newsItem> of class ninat:video
LISTING_6_Simple_NewsML-G2_Package.xml|none <packageItem> of class ninat:composite
LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure.xml|none fragment <groupSet>
LISTING_8_Group_Set_example_showing_an_ALT_Package_Mode.xml|none fragment <groupSet>
LISTING_9_Group_Set_example_showing_a_SEQ_Package_Mode.xml|none fragment <groupSet>
LISTING_10_Abstract_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml|none <conceptItem> of class cinat:concept
LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item.xml|none <conceptItem> of class cinat:concept
LISTING_12_Knowledge_Item_for_Access_Codes.xml|none <knowledgeItem> of class cinat:scheme
LISTING_13_Complete_Catalog_Item.xml|none <catalogItem> of class catinat:catalog
LISTING_14_Event_sent_as_a_Concept_Item.xml|none <conceptItem> of class cinat:concept
LISTING_15_Two_Related_Events_in_a_Knowledge_Item.xml|none <knowledgeItem> of class cinat:concept
LISTING_16_A_Set_of_Events_carried_in_a_News_Item.xml|none <newsItem> of class ninat:composite
LISTING_17_Planning_Item_a_CCL.xml|none <planningItem> of class plinat:newscoverage
LISTING_18_Planning_Item_at_PCL.xml|none <planningItem> of class plinat:newscoverage
LISTING_19_Planning_Item_with_delivery_at_CCL.xml|none <planningItem> of class plinat:newscoverage
LISTING_20_Planning_Item_with_delivery_at_PCL.xml|none <planningItem> of class plinat:newscoverage
LISTING_21_A_complete_sample_SportsML-G2_document.xml|article TBD
LISTING_22_Sports_story_in_NewsML-G2NITF.xml|article TBD
LISTING_23_SportsML-G2_Package.xml|none <packageItem> of class ninat:composite
LISTING_24_News_Message_conveying_a_complete_News_Package.xml|none <packageItem> of class (none);record N1 has neither title nor body;record N4 has neither title nor body
LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml|article TB-
LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml|none <newsItem> of class ninat:picture
LISTING_27_Company_Financial_Information.xml|article T-D
LISTING_28_Illustrating_Located_Subject_and_Dateline.xml|none fragment <contentMeta>
LISTING_29_Hop_History.xml|none HOP-HISTORY-EXAMPLE has neither title nor body
Receiver_View.xml|article TBD
ap_metadata_example.xml|none <newsItem> of class ninat:video
facet-example.xml|none has neither title nor body
facet-example-2.xml|none has neither title nor body
facet-example-3.xml|article -BD
'

begin "the table covers every XML file of the folder"
expect_equal "$(cd "$g2" && ls *.xml | sort)" \
    "$(printf '%s\n' "$outcomes" | sed -n 's/|.*//p' | sort)"

n=0
while IFS='|' read -r file want; do
    [ -n "$file" ] || continue
    n=$((n + 1))
    db=$T/one-$n.db
    begin "$file: indexes with exit status 0"
    expect_exit 0 wx_index --db "$db" "$g2/$file"
    log=$(cat "$T/.err")
    case $want in
    article*)
        flags=${want#article }
        begin "$file: one article ($flags), no note"
        got=$(wx_index --db "$db" --export | jq -r '
            (if (.title // "") != "" then "T" else "-" end) +
            (if (.body // "") != "" then "B" else "-" end) +
            (if (.date // "") != "" then "D" else "-" end)')
        expect_equal "$got" "$flags"
        expect_match '1 added, 0 replaced, 0 skipped;' "$log"
        ;;
    none*)
        begin "$file: nothing stored, each item named"
        expect_equal "$(wx_index --db "$db" --stats --json 2>/dev/null |
                        jq .documents)" 0
        IFS=';' read -ra notes <<<"${want#none }"
        for note in "${notes[@]}"; do
            expect_match "$(printf '%s' "$note" | sed 's/[][().*^$]/\\&/g')" \
                "$log"
        done
        expect_match ' without text;' "$log"
        ;;
    esac
done <<<"$outcomes"

begin "the whole folder: 8 articles, 31 records without text, no skip"
expect_exit 0 wx_index --db "$T/all.db" "$g2"
cp "$T/.err" "$T/all.log"
expect_match '8 added, 0 replaced, 0 skipped, 31 without text;' \
    "$(cat "$T/all.log")"
begin "the README is the only file not read"
expect_equal "$(grep -c 'not an article dump\|excluded 1: README' "$T/all.log")" 1
begin "nothing empty is stored: every record has a title or a body"
expect_equal "$(wx_index --db "$T/all.db" --export |
                jq -s 'map(select((.title // "") == "" and
                                  (.body // "") == "")) | length')" 0
begin "the News Items with text carry title, body and date"
expect_equal "$(wx_index --db "$T/all.db" --export |
                jq -s 'map(select(.meta.item_class == "ninat:text" and
                       (.body // "") != "" and (.title // "") != "" and
                       (.date // "") != "")) | length')" 4
begin "a picture's guid is not in the index"
expect_exit 1 wx_search --db "$T/all.db" --show "tag:gettyimages.com,2010:GYI0062134533"

finish
